//! Targets stated in sentences: 「令和12年度までに図書館の年間貸出冊数を現在の45万冊から
//! 50万冊に増やします」 becomes an indicator (baseline 45万冊, target 50万冊) whose quote is
//! the sentence. The verbs that make a figure a target are vocabulary (`[prose] verbs`).
//!
//! Grammar, per sentence: a target is a figure followed by に/へ and a target verb
//! (「80%以上にします」「5件以下に削減します」), or by a verb of change itself
//! (「46%削減する」); its baseline is the last figure before it followed by から/を; its topic
//! is the noun phrase before the last を/は ahead of them, cut at the last 、.

use once_cell::sync::Lazy;
use regex::Regex;

use super::record::{Body, Count, Indicator, Plan, Satisfaction};
use super::roles::{Role, Vocabulary};
use super::value::{self, looks_like_value, Value};
use super::Doc;

/// A record read from a sentence, with the sentence (its quote).
pub struct Stated {
    pub line: usize,
    pub line_end: usize,
    pub sentence: String,
    pub body: Body,
}

/// Counts and periods stated in sentences: 「取組は10項目です」「4つの基本方針と14の施策で構成
/// します」「本計画の期間は、令和6年度から令和9年度までの4年間とします」. The counted nouns
/// are vocabulary (`[counts] nouns`).
pub fn facts(doc: &Doc, vocabulary: &Vocabulary) -> Vec<Stated> {
    let before = vocabulary.pattern("count-before", |v| count_patterns(v).map(|p| p.0));
    let after = vocabulary.pattern("count-after", |v| count_patterns(v).map(|p| p.1));
    let (Some(before), Some(after)) = (before, after) else { return Vec::new() };
    // The period on the cover (see [`title_period`]).
    let cover = title_period(doc);
    let mut out = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        if line.text.contains('\t') || line.text.starts_with('|') || !line.text.contains(super::value::is_numeric) {
            continue;
        }
        // 「1.2　戦略の期間」 / 「令和7年度から令和16年度までの10年間とします」: the heading says
        // whose period the sentence under it gives.
        let own_period = doc.heading_above(line.no).and_then(own_period_heading).or_else(|| {
            // A line that reads as a title without being a section: only where the cover gives no
            // period, and for a sentence that names no plan as its subject and no half of one
            // (「障害者計画は…、障害福祉計画は…」「令和6～9年度を前期」).
            let own = title_line_above(doc, line.no).and_then(own_period_heading)?;
            let halves = ["前期", "後期"].iter().any(|w| line.text.contains(w));
            let subject = line.text.split(super::value::is_numeric).next().unwrap_or("");
            (cover.is_none() && !halves && !PLAN_NAME.is_match(subject)).then_some(own)
        });
        let mut previous = "";
        for sentence in line.text.split_inclusive('。') {
            let mut counted = |label: &str, value: &str, unit: &str| {
                let Ok(value) = value.parse::<u32>() else { return };
                let count = Count { label: label.to_string(), value, unit: unit.to_string(), items: Vec::new() };
                out.push(Stated {
                    line: line.no,
                    line_end: line.no,
                    sentence: sentence.trim().to_string(),
                    body: Body::Count(count),
                });
            };
            // Both count patterns hold a number (`\d`, which is_numeric includes) and a counted
            // noun: a sentence without both is passed over without running them.
            let numbered = sentence.contains(super::value::is_numeric)
                && vocabulary.count_nouns.iter().any(|n| sentence.contains(n.as_str()));
            for c in numbered.then(|| after.captures_iter(sentence)).into_iter().flatten() {
                // 「この計画は2つの重点目標と…」: the number counts what follows it, not 計画.
                if sentence[c.get(0).map_or(0, |m| m.end())..].starts_with('の') {
                    continue;
                }
                match (c.name("value"), c.name("unit"), c.name("bare")) {
                    (Some(value), Some(unit), _) => counted(&c["label"], value.as_str(), unit.as_str()),
                    (_, _, Some(bare)) => counted(&c["label"], bare.as_str(), ""),
                    _ => {}
                }
            }
            // 「17の施策のうち、3つの施策を…」: the count before のうち is the whole; a later
            // count of the same thing in the sentence is a part of it.
            let mut wholes: Vec<String> = Vec::new();
            for c in numbered.then(|| before.captures_iter(sentence)).into_iter().flatten() {
                if wholes.iter().any(|w| *w == c[2]) {
                    continue;
                }
                if sentence[c.get(0).map_or(0, |m| m.end())..].starts_with("のうち") {
                    wholes.push(c[2].to_string());
                }
                counted(&c[2], &c[1], "つ");
            }
            let shares =
                satisfaction(sentence, line.no).map(|s| vec![s]).unwrap_or_else(|| satisfied_shares(sentence, line.no));
            for satisfaction in shares {
                out.push(Stated {
                    line: line.no,
                    line_end: line.no,
                    sentence: sentence.trim().to_string(),
                    body: Body::Satisfaction(satisfaction),
                });
            }
            let told = match &own_period {
                Some(own) if !sentence.contains("期間") && previous.is_empty() => {
                    format!("{own}の期間は、{sentence}")
                }
                _ => sentence.to_string(),
            };
            let mut plan = period(&told, previous).map(|plan| (plan, sentence.trim().to_string(), line.no));
            // 「…計画期間は令和７年度から」 / 「令和９年度までの３年間です。」: the last sentence
            // of the line runs on over the lines below it.
            // (So does 「…令和10年度までの５年間の」 / 「計画で、…」.)
            if plan.is_none() && !sentence.ends_with('。') && (sentence.contains("期間") || sentence.contains("までの"))
            {
                let (text, end, _) = joined(&line.text, &line.text, line.no, &doc.lines[i + 1..]);
                let whole = text.split_inclusive('。').find(|s| s.starts_with(sentence.trim_end()));
                plan = whole
                    .filter(|_| end != line.no)
                    .and_then(|whole| period(whole, previous).map(|plan| (plan, whole.trim().to_string(), end)));
            }
            // 「計画期間　自　令和８年４月１日」 / 「　　　　　至　令和18年３月31日」: the label's span
            // ends on the line below.
            if let (None, Some(next)) = (&plan, doc.lines.get(i + 1)) {
                if sentence.contains("期間") && next.no == line.no + 1 && next.text.trim_start().starts_with('至') {
                    let whole = format!("{} {}", sentence.trim_end(), next.text.trim());
                    plan = period(&whole, previous).map(|plan| (plan, whole, next.no));
                }
            }
            if let Some((plan, sentence, end)) = plan {
                out.push(Stated { line: line.no, line_end: end, sentence, body: Body::Plan(plan) });
            }
            previous = sentence;
        }
    }
    out
}

/// 「│対象鳥獣│計画期間│対象地域│」 over 「│イノシシ…│令和８年度～令和10年度│鐙川町全域│」: a
/// period word heading a cell of a row, a span of years in the same cell of the row below, is
/// the document's own period (a table of what the plan covers, as the national form of a
/// 鳥獣被害防止計画 has it). A table that names its plans (計画名) gives theirs instead.
pub fn period_cells(doc: &Doc, vocabulary: &Vocabulary) -> Vec<Stated> {
    let role = |cell: &str| vocabulary.exact_label(cell).map(|l| l.role);
    let mut out = Vec::new();
    // (Only a line that says 期間 is split into cells: this pass looks at every line.)
    for (i, line) in doc.lines.iter().enumerate().filter(|(_, l)| l.text.contains("期間")) {
        let Some(head) = super::blocks::cells(line) else { continue };
        // The row below, past a rule (「├──┼──┤」, 「|---|」).
        let Some((below, row)) = doc.lines[i + 1..]
            .iter()
            .take(2)
            .map_while(|l| Some((l, super::blocks::cells(l)?)))
            .find(|(_, cells)| !cells.is_empty())
        else {
            continue;
        };
        if head.len() < 2 || head.len() != row.len() || head.iter().any(|c| role(c) == Some(Role::Plan)) {
            continue;
        }
        let Some(at) = head.iter().position(|c| role(c) == Some(Role::Period)) else { continue };
        let years = value::years_in(&row[at]);
        let (Some(start), Some(end), 2) = (years.first(), years.last(), years.len()) else { continue };
        let Some(title) = doc.lines.iter().find(|l| !l.text.trim().is_empty()) else { continue };
        if start.fiscal >= end.fiscal || !PLAN_NAME.is_match(&title.text) {
            continue;
        }
        out.push(Stated {
            line: below.no,
            line_end: below.no,
            sentence: format!("{} {}", head[at], row[at]),
            body: Body::Plan(Plan {
                name: title.text.trim().to_string(),
                period: Some(format!("{}〜{}", start.label, end.label)),
                summary: Some("計画期間".to_string()),
            }),
        });
    }
    out
}

/// The period printed under a plan's title on its cover: 「（令和３年度～令和７年度）」 on a line
/// of its own among the first lines. The title is the plan's name.
pub fn title_period(doc: &Doc) -> Option<Stated> {
    /// Lines of the cover looked at.
    const COVER: usize = 4;
    /// The longest subtitle read as a part of the title's plan.
    const SUBTITLE: usize = 10;
    static SPAN: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^[(\[〔【]?\s*((?:令和|平成)\s*(?:元|\d{1,2})\s*年度|20\d\d\s*年度)\s*(?:\(\s*20\d\d\s*年度?\s*\))?\s*[~〜-]\s*((?:令和|平成)\s*(?:元|\d{1,2})\s*年度|20\d\d\s*年度)\s*(?:\(\s*20\d\d\s*年度?\s*\))?\s*[)\]〕】]?$")
            .unwrap()
    });
    let mut lines = doc.lines.iter().filter(|l| !l.text.is_empty()).take(COVER);
    let title = lines.next()?;
    // 「第２次○○市総合計画　後期基本計画（令和７年度～令和11年度）」: the span closes the
    // title's own line.
    // Where a bracket closes a line that has text before it.
    let closing = |text: &str| text.rfind('(').filter(|&at| at > 0 && text.ends_with(')'));
    let after_title = closing(&title.text);
    // 「栃ヶ瀬町第６次総合計画」 / 「実施計画（令和８年度～令和10年度）」: a subtitle under the
    // title closed by the span names the plan with the title.
    let subtitled = |l: &super::Line| {
        let at = closing(&l.text)?;
        let subtitle = l.text[..at].trim();
        (SPAN.is_match(&l.text[at..]) && PLAN_NAME.is_match(subtitle)).then_some(at)
    };
    // 「第４次蓆田町総合計画」 / 「後期基本計画」 / 「令和８年度～令和12年度」: short subtitles on
    // lines of their own between the title and the span are a part of it.
    let subtitled_title = |span: &super::Line| {
        let lines = doc.lines.get(title.no..span.no.saturating_sub(1)).unwrap_or_default();
        let between: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
        let subtitles =
            !between.is_empty() && between.iter().all(|t| t.chars().count() <= SUBTITLE && PLAN_NAME.is_match(t));
        subtitles.then(|| format!("{} {}", title.text, between.join(" ")))
    };
    // The plan's name, the line of its span, the span, and what the quote puts before that line
    // when it is not the title's own (the title with its subtitles).
    let (name, line, span, head) = match after_title {
        Some(at) if SPAN.is_match(&title.text[at..]) => {
            (title.text[..at].trim().to_string(), title, &title.text[at..], None)
        }
        _ => {
            let line = lines.find(|l| SPAN.is_match(&l.text) || subtitled(l).is_some())?;
            let head = subtitled_title(line).unwrap_or_else(|| title.text.clone());
            match subtitled(line) {
                // A short subtitle (実施計画, 後期基本計画) is a part of the title's plan; a long
                // one is the plan's full title under a running header (「陽咲町後期基本計画　基本目標２」).
                Some(at) => {
                    let subtitle = line.text[..at].trim();
                    let name = if subtitle.chars().count() <= SUBTITLE {
                        format!("{} {subtitle}", title.text)
                    } else {
                        subtitle.to_string()
                    };
                    (name, line, &line.text[at..], Some(head))
                }
                None => (head.clone(), line, line.text.as_str(), Some(head)),
            }
        }
    };
    let c = SPAN.captures(span)?;
    let (start, end) = (value::years_in(&c[1]).pop()?, value::years_in(&c[2]).pop()?);
    let sentence = match head {
        Some(head) => format!("{head} {}", line.text),
        None => title.text.clone(),
    };
    (start.fiscal <= end.fiscal).then(|| Stated {
        line: line.no,
        line_end: line.no,
        sentence,
        body: Body::Plan(Plan {
            name,
            period: Some(format!("{}〜{}", start.label, end.label)),
            summary: Some("計画期間".to_string()),
        }),
    })
}

/// 「医療体制に対する市民満足度(令和4年度調査)は58.1%で」「公園の満足度は62%です」: a share
/// of satisfied citizens stated in a sentence; what it is about is the phrase before.
static SATISFACTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"([^、。「」]{2,30}?)(?:に対する|についての|への|の)(?:市民)?満足度(?:\([^()]*\))?(?:は|が)、?(\d+(?:\.\d+)?%)")
        .unwrap()
});

fn satisfaction(sentence: &str, line: usize) -> Option<Satisfaction> {
    // The pattern needs 満足度 and a share: most sentences are passed over without running it.
    if !sentence.contains("満足度") || !sentence.contains('%') {
        return None;
    }
    let c = SATISFACTION.captures(sentence)?;
    let item = c[1].trim().trim_start_matches(['・', '○', '●', '-']).trim();
    let value = value::parse(&c[2], line)?;
    (item.chars().count() >= 2).then(|| Satisfaction { item: item.to_string(), value, previous: None })
}

/// 「「満足」「やや満足」と答えた人の割合は、医療体制が42.6%、公共交通が28.9%でした」: a share
/// of satisfied answers per item, listed in a sentence about satisfaction.
fn satisfied_shares(sentence: &str, line: usize) -> Vec<Satisfaction> {
    static SHARE: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"(?:^|[、,]|は、?)([^、,。「」()がはで]{2,20})が(\d+(?:\.\d+)?%)").unwrap());
    let Some(at) = sentence.find("満足") else { return Vec::new() };
    let year = value::years_in(&sentence[..at]).into_iter().next();
    SHARE
        .captures_iter(&sentence[at..])
        .filter_map(|c| {
            let value = value::parse(&c[2], line)?;
            Some(Satisfaction {
                item: c[1].trim().to_string(),
                value: Value { year: year.clone(), ..value },
                previous: None,
            })
        })
        .collect()
}

/// The document's own word for itself (本計画, 本戦略) when a heading is about its period:
/// 「計画の期間」「戦略の期間」「計画期間」.
fn own_period_heading(heading: &str) -> Option<String> {
    let heading: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    let word = heading.strip_suffix("の期間").or_else(|| heading.strip_suffix("期間"))?;
    super::PLAN_WORDS.contains(&word).then(|| format!("本{word}"))
}

/// The line above `no` (the first that is not blank) read as a short title (「２　計画期間」「## 2 計画期間」「■計画の期間」),
/// its number or mark taken off, when it is one: a heading the outline did not take for a
/// section (a numbered line under a chapter reads as a list item as often as a heading).
fn title_line_above(doc: &Doc, no: usize) -> Option<&str> {
    // A blank line may stand between (Markdown).
    let above = (no.saturating_sub(3)..no.checked_sub(1)?)
        .rev()
        .map(|at| &doc.lines[at])
        .find(|l| !l.text.trim().is_empty())?;
    let text = above
        .text
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "#.)(-■□●○◆◇・【】".contains(c));
    let text = text.trim_end_matches('】').trim();
    (!text.is_empty() && text.chars().count() <= 12).then_some(text)
}

/// 「後期基本計画の計画期間は、令和6年度から令和10年度までの5年間とします」: a plan's period.
/// A plan's name: kanji or katakana ending in 計画, 大綱, 戦略, プラン, ビジョン.
static PLAN_NAME: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?:第\d{1,2}[次期])?[\p{Han}ァ-ヶー・]{2,}(?:計画|大綱|戦略|プラン|ビジョン)").unwrap());

/// A span of years right after 期間 as a label writes it: 「計画期間　令和８年度（2026年度）～令和15年度」,
/// 「対象期間　令和7年度 → 令和16年度」, 「計画期間　自　令和８年４月１日　至　令和18年３月31日」.
static LABELLED_SPAN: Lazy<Regex> = Lazy::new(|| {
    let year = r"(?:(?:令和|平成|R|H)\s*(?:元|\d{1,2})|20\d\d)\s*年度?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?";
    Regex::new(&format!(r"^[はが:\s]*(?:自\s*)?({year})\s*(?:\([^()]*\))?\s*(?:[~〜\-－―→⇒]|至)\s*({year})")).unwrap()
});

fn period(sentence: &str, previous: &str) -> Option<Plan> {
    let Some(at) = sentence.find("期間") else { return span_of_the_plan(sentence, previous) };
    let rest = &sentence[at..];
    let (start, end) = match rest.split_once("から") {
        Some((from, to)) => (
            value::years_in(from).into_iter().next().or_else(|| value::years_in(&sentence[..at]).into_iter().last())?,
            value::years_in(to.split("まで").next()?).into_iter().next()?,
        ),
        None => match LABELLED_SPAN.captures(&rest["期間".len()..]) {
            Some(span) => {
                (value::years_in(&span[1]).into_iter().next()?, value::years_in(&span[2]).into_iter().next()?)
            }
            None => return span_before_period(sentence, at, previous),
        },
    };
    if start.fiscal > end.fiscal {
        return None;
    }
    let before = &sentence[..at];
    let before = before.strip_suffix("対象").or_else(|| before.strip_suffix("計画")).unwrap_or(before);
    // 「第４次…大綱（計画期間：…）」: the bracket the period opens is no part of the name.
    let subject = before.trim_end_matches(['(', '[', '【', '〔']).trim_end_matches('の');
    let subject = subject.rsplit(['、', '。', ' ']).next().unwrap_or("").trim_start_matches(['「', '・']);
    // 「本計画」「計画の推進」 name no plan: the sentence before usually does (「本庄市行政改革
    // 大綱及び…により、…。計画の推進期間は…」).
    let named = PLAN_NAME.find(subject).filter(|m| m.end() == subject.len()).map(|m| m.as_str().to_string());
    let name = named.or_else(|| plan_named_before(previous)).unwrap_or_else(|| {
        if subject.chars().count() >= 2 {
            subject.to_string()
        } else {
            "計画".to_string()
        }
    });
    Some(plan_period(name, sentence, &start, &end))
}

/// The plan the sentence before names as the body's own: not another body's plan it works with
/// (「県の基本計画と連携し、…」).
fn plan_named_before(previous: &str) -> Option<String> {
    let own = |m: &regex::Match| !["県の", "国の", "府の", "都の"].iter().any(|b| previous[..m.start()].ends_with(b));
    PLAN_NAME.find_iter(previous).find(own).map(|m| m.as_str().to_string())
}

fn plan_period(name: String, sentence: &str, start: &value::Year, end: &value::Year) -> Plan {
    // 「令和6年4月1日から令和11年3月31日まで」 is 令和6年度〜令和10年度, as people ask for it.
    let period = match value::fiscal_span(sentence) {
        Some((from, to)) => format!("{}〜{}", value::era_label(from), value::era_label(to)),
        None => format!("{}〜{}", start.label, end.label),
    };
    Plan { name, period: Some(period), summary: Some("計画期間".to_string()) }
}

/// 「実施計画は大綱と同じ令和６年度から令和10年度までの５年間の計画で、…」: the span said as how
/// long the plan runs, with no word for a period. The plan is the subject the sentence opens with
/// (実施計画は), else the plan the sentence before names.
fn span_of_the_plan(sentence: &str, previous: &str) -> Option<Plan> {
    static SPAN: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"から([^、。]{2,16}?)までの\d{1,2}(?:年間|か年|カ年|ヵ年|ヶ年)の計画").unwrap());
    let m = SPAN.find(sentence)?;
    let start = value::years_in(&sentence[..m.start()]).into_iter().last()?;
    let end = value::years_in(m.as_str()).into_iter().next()?;
    if start.fiscal > end.fiscal {
        return None;
    }
    let opening = sentence.split_once('は').map_or("", |(s, _)| s);
    let opening = opening.rsplit(['、', '。']).next().unwrap_or("").trim().trim_start_matches(['「', '・']);
    let name = PLAN_NAME
        .find(opening)
        .filter(|m| m.end() == opening.len())
        .map(|m| m.as_str().to_string())
        .or_else(|| plan_named_before(previous))?;
    Some(plan_period(name, sentence, &start, &end))
}

/// 「この計画は、…、令和７年度から2030年度までの６年間を期間とし」: the span stands before
/// 期間, which it is the object of (…を期間とし, …を計画期間とします). The plan is the subject
/// the sentence opens with (この計画は), else the plan the sentence before names.
fn span_before_period(sentence: &str, at: usize, previous: &str) -> Option<Plan> {
    let before = &sentence[..at];
    let before = before.strip_suffix("計画").unwrap_or(before);
    if !before.ends_with('を') {
        return None;
    }
    let from_at = before.rfind("から")?;
    let start = value::years_in(&before[..from_at]).into_iter().last()?;
    let end = value::years_in(before[from_at..].split("まで").next()?).into_iter().next()?;
    if start.fiscal > end.fiscal {
        return None;
    }
    let opening = sentence.split_once('は').map_or("", |(s, _)| s).trim_start_matches(['「', '・']);
    let name = PLAN_NAME
        .find(opening)
        .filter(|m| m.end() == opening.len())
        .map(|m| m.as_str().to_string())
        .or_else(|| plan_named_before(previous))
        .unwrap_or_else(|| "計画".to_string());
    Some(plan_period(name, sentence, &start, &end))
}

/// A figure: number, unit (no particles, no digits except CO2), qualifier.
const FIGURE: &str = r"(?:累計で?|年間|年)?([△▲-]?\d[\d,]*(?:\.\d+)?(?:億\d[\d,]*)?(?:万\d[\d,]*千?)?(?:~\d[\d,]*(?:\.\d+)?)?)((?:(?:か[所月国]|[^\d\s、。をにからへはでのと「」()]){0,5}?)(?:CO2|m[23])?(?:/[日年月人])?)(以上|以下|未満|以内)?";

/// Any figure ([`FIGURE`]), compiled once for every pass of this module.
static ANY_FIGURE: Lazy<Regex> = Lazy::new(|| Regex::new(FIGURE).unwrap());
// 「令和４年度末の7.8億円に対し、…6.0億円以上を保ちます」: the figure set against the target.
static BASELINE: Lazy<Regex> = Lazy::new(|| Regex::new(&format!("{FIGURE}(?:から|を|に対し)")).unwrap());
// 「経常収支比率を…94.6％から…92.0％以下に、実質公債費比率を…8.5％以下に下げることを目標とします」:
// targets coordinated before the one verb that ends the sentence.
static COORDINATED: Lazy<Regex> = Lazy::new(|| Regex::new(&format!("{FIGURE}に、")).unwrap());
// 「年間農業所得を450万円程度、年間労働時間を2,000時間程度とすることを目標とします」: the verb
// left out of the first of them, its figure right after its object.
static COORDINATED_BARE: Lazy<Regex> = Lazy::new(|| Regex::new(&format!("を{FIGURE}、")).unwrap());
static FIGURE_AND_COMMA: Lazy<Regex> = Lazy::new(|| Regex::new(&format!("{FIGURE}、")).unwrap());
static CHANGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!("{FIGURE}(?:削減|減少|増加|縮減)(?:させ|し|す)(?:ます|ることを目指|ることを目標)")).unwrap()
});
static TOPIC_END: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?:を|は)、?|も、").unwrap());

/// A date in front of a name (「令和６年度の」「令和12年４月１日の」): when the figure is, no part
/// of what it is of.
static DATED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:令和|平成|R|H)(?:\d{1,2}|元)年度?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:末|当初|時点)?の").unwrap()
});

/// Longest topic kept: a longer one is a clause, not an indicator's name.
const MAX_TOPIC: usize = 40;

pub fn targets(doc: &Doc, vocabulary: &Vocabulary) -> Vec<Stated> {
    let Some(target) = vocabulary.pattern("prose-target", target_pattern) else { return Vec::new() };
    let now = vocabulary.pattern("prose-now", now_pattern);
    let mut out = Vec::new();
    // The line a sentence read from a line above ended on, and the bytes at its start it took:
    // lines before it were read whole.
    // With the last sentence of it, the one before the rest of that line.
    let mut carried: Option<(usize, usize, String, usize)> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        let (taken, said, said_at) = match &mut carried {
            Some((end, _, _, _)) if line.no < *end => continue,
            Some((end, bytes, said, at)) if line.no == *end => (*bytes, std::mem::take(said), *at),
            _ => (0, String::new(), line.no),
        };
        carried = None;
        let own = line.text.get(taken..).unwrap_or("");
        let (text, end, bytes) = joined(own, &line.text, line.no, &doc.lines[i + 1..]);
        if end != line.no {
            carried = Some((end, bytes, sentences(&text).last().map_or(String::new(), |s| s.to_string()), line.no));
        }
        // Every target pattern holds a figure (`\d`, which is_numeric includes), and one of
        // these letters (に/へ/と before a verb, 目指/めざ, 確保/保ち/維持 of `[prose] objects`).
        if !text.contains(['に', 'へ', 'と', '減', '増', '目', 'め', '保', '持'])
            || text.contains('\t')
            || text.starts_with('|')
            || !text.contains(super::value::is_numeric)
        {
            continue;
        }
        let sentences = sentences(&text);
        let mut previous = said.as_str();
        let mut previous_line = said_at;
        let heading = doc.heading_above(line.no);
        for (k, sentence) in sentences.iter().enumerate() {
            let before = out.len();
            let context = Context { previous, heading, line: line.no };
            read_sentence(sentence, &context, (&target, now.as_deref()), &mut out);
            if k + 1 == sentences.len() {
                out[before..].iter_mut().for_each(|s: &mut Stated| s.line_end = end);
            }
            // 「…区域は、令和６年度末で累計38か所でした。これを…累計120か所とします。」: a target
            // whose name or baseline the sentence before states is quoted and cited with it.
            for stated in &mut out[before..] {
                if leans_on(stated, sentence, previous) {
                    stated.sentence = format!("{}{}", previous.trim(), stated.sentence);
                    stated.line = previous_line;
                }
            }
            previous = sentence;
            previous_line = line.no;
        }
    }
    out
}

/// Whether a target read from `sentence` takes its name or its baseline from the sentence
/// before it (what the reader of its quote alone could not see).
fn leans_on(stated: &Stated, sentence: &str, previous: &str) -> bool {
    let Body::Indicator(i) = &stated.body else { return false };
    if previous.trim().is_empty() {
        return false;
    }
    let compact = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (sentence, previous) = (compact(sentence), compact(previous));
    let name = compact(&i.name);
    let from_before = |t: &str| !t.is_empty() && !sentence.contains(t) && previous.contains(t);
    from_before(&name) || i.baseline.as_ref().is_some_and(|b| from_before(&compact(&b.raw)))
}

/// A sentence of prose broken at the end of its line (PDF text: 「…令和12年度までに」 /
/// 「100%にします。」) read whole: the line with the text of the lines under it up to the first 。
/// (over two lines at most: 「…子育て世帯の満足度」 / 「（…と答えた割合）を、…71.2％から」 /
/// 「80％に高めることを目指します。」), the line that ends it and how many bytes of that line
/// the sentence took. Only a line of prose (a clause with 、, not a heading) that ends
/// mid-sentence, continued by lines of prose.
/// `own` is the line's text from where the sentence starts (after the end of one carried from
/// the line above), `whole` all of it.
fn joined<'a>(
    own: &'a str,
    whole: &str,
    no: usize,
    below: &[super::Line],
) -> (std::borrow::Cow<'a, str>, usize, usize) {
    /// Most lines under a line that its sentence runs on over.
    const MAX_RUN: usize = 2;
    // (A line that ends a sentence before it is prose too: 「…78.0％です。令和11年度までに…」.)
    let end = own.trim_end();
    // A line broken after a comma (「おおむね10年後に、」 / 「…所得を450万円程度、」) goes on too,
    // however short: its clause is not over.
    let broken = whole.chars().count() >= 30
        && !end.ends_with('。')
        && (own.contains('、') && !end.ends_with([')', '）']) || whole.contains('。'))
        || end.ends_with('、') && end.chars().count() >= 8
        // Or ends in a bracket with the next line opening on a particle (「…死者数（約2,300人）」 /
        // 「を、令和14年度までに…」).
        || whole.chars().count() >= 30
            && !end.ends_with('。')
            && below.first().is_some_and(|n| n.no == no + 1 && n.text.starts_with(['を', 'に', 'が', 'は', 'で']));
    if !broken {
        return (own.into(), no, 0);
    }
    let mut text = own.to_string();
    for (k, next) in below.iter().take(MAX_RUN).enumerate() {
        if next.no != no + k + 1 || next.text.is_empty() || next.text.starts_with('|') || next.text.contains('\t') {
            break;
        }
        if let Some(at) = next.text.find('。') {
            let head = &next.text[..at + '。'.len_utf8()];
            text.push_str(head);
            return (text.into(), next.no, head.len());
        }
        // A whole line in the middle of the sentence: prose that runs on (no heading, no item).
        if next.text.chars().count() < 30 && !next.text.trim_end().ends_with('、') {
            break;
        }
        text.push_str(&next.text);
    }
    (own.into(), no, 0)
}

/// Lines that show a change with an arrow: 「マイナンバーカードの交付率 36.1% → 100%」,
/// 「窓口の待ち時間：現状値(令和4年度) 25分 ⇒ 目標値(令和8年度) 15分」.
pub fn arrows(doc: &Doc, vocabulary: &Vocabulary) -> Vec<Stated> {
    let mut out = Vec::new();
    for line in &doc.lines {
        let text = line.text.as_str();
        if text.contains('\t') || text.starts_with('|') || text.chars().count() > 200 {
            continue;
        }
        let Some(at) = text.find(['→', '⇒', '➡']) else { continue };
        // 「〔図5　…の推移　令和元年度 18.7％ → 令和6年度 22.5％〕」: a chart's caption shows
        // how a figure went, not where the plan takes it.
        if is_caption(text) {
            continue;
        }
        let (left, right) = (&text[..at], &text[at..]);
        let base = ANY_FIGURE.captures_iter(left).filter(|c| !is_year(c, left)).last();
        // 「現状（R4）―→目標（R10）10品」: no baseline yet, said by a dash before the arrow.
        let trimmed = left.trim_end();
        let dash = trimmed.chars().last().filter(|c| "―—ー−-".contains(*c)).map(|c| trimmed.len() - c.len_utf8());
        let Some(mut base_start) = base.as_ref().map(|b| b.get(0).unwrap().start()).or(dash) else { continue };
        // 「公園の利用率：－88団体→0団体」: a minus sign (NFKC makes － a hyphen) after the label,
        // not a dash between numbers (「1-2」).
        let signed = base.is_some()
            && left[..base_start].ends_with('-')
            && !left[..base_start - 1].ends_with(|c: char| c.is_ascii_alphanumeric());
        if signed {
            base_start -= 1;
        }
        let goal = ANY_FIGURE.captures_iter(right).find(|c| !is_year(c, right));
        // 「→ 目標:維持」: a target stated as a word, with no figure.
        let worded = goal.is_none().then(|| WORD_TARGET.find(right)).flatten();
        if goal.is_none() && worded.is_none() {
            continue;
        }
        // 「目標 50.0% → 実績 39.8%」: a past target and what came of it, the evaluation of an
        // earlier plan, not a baseline and a target of this one.
        let goal_start = goal.as_ref().map_or(right.len(), |g| g.get(0).unwrap().start());
        let label = |t: &str| {
            let word = t.trim().rsplit([' ', '\u{3000}', ':']).next().unwrap_or("");
            vocabulary.label(word).map(|l| l.role)
        };
        let right_label = right[right.chars().next().map_or(0, char::len_utf8)..goal_start].trim();
        if label(&left[..base_start]) == Some(Role::Target) && label(right_label) == Some(Role::Actual) {
            continue;
        }
        let name = name_before(&left[..base_start], vocabulary);
        // 「KPI①　観光入込客数」 / 「　：152.6万人 → 175万人」: a line that opens with the colon
        // holds the figures of the name on the line above it.
        let above = if text.trim_start().starts_with(':') { name_above(doc, line.no, vocabulary) } else { None };
        // 「　　42.3% ➡ 35%」 / 「孤独を感じることがある市民の割合」: a summary's big figures on a
        // line of their own, the name on the line below them.
        let above = above.or_else(|| {
            let bare = name.trim_matches(|c: char| c.is_whitespace() || "・○●◎■◆-".contains(c)).is_empty();
            // Or, with no name under it, the name on the line above (「合計特殊出生率」 /
            // 「　1.44（…）⇒ 1.55（…）」), a name with no figure of its own.
            let plain_above =
                || name_above(doc, line.no, vocabulary).filter(|(n, _)| !n.contains(|c: char| c.is_ascii_digit()));
            bare.then(|| name_below(doc, line.no, vocabulary).or_else(plain_above)).flatten()
        });
        let name = above.as_ref().map_or(name.as_str(), |(n, _)| n.as_str());
        // A leader of dots may lead from the name to its figures (「◎ 職員数……1,082人 ⇒ …」).
        let name = name
            .trim_start_matches(['・', '○', '●', '◎', '■', '◆', '-', ' '])
            .trim_end_matches(['.', '…', '・'])
            .trim();
        // A label in brackets before the name (【数値目標】) says what kind of figure it is.
        let name = match name.strip_prefix('【').and_then(|n| n.split_once('】')) {
            Some((_, rest)) if rest.trim().chars().count() >= 2 => rest.trim(),
            _ => name,
        };
        if name.chars().count() < 2 || vocabulary.is_word(name) || name.contains('。') {
            continue;
        }
        let mut baseline = match &base {
            Some(base) => captured_figure(base, left, line.no),
            None => value::parse(&left[base_start..], line.no),
        };
        if let Some(v) = baseline.as_mut().filter(|_| signed) {
            v.figure = v.figure.as_ref().map(|f| format!("-{f}"));
            v.number = v.number.map(|n| -n);
        }
        let mut target = match &goal {
            Some(goal) => captured_figure(goal, right, line.no),
            None => worded.and_then(|w| value::parse(w.as_str(), line.no)),
        };
        // The same minus before the target (「▲312→－100」).
        let goal_signed = goal.as_ref().is_some_and(|g| {
            let before = &right[..g.get(0).unwrap().start()];
            before.ends_with('-') && !before[..before.len() - 1].ends_with(|c: char| c.is_ascii_alphanumeric())
        });
        if let Some(v) = target.as_mut().filter(|_| goal_signed) {
            v.figure = v.figure.as_ref().map(|f| format!("-{f}"));
            v.number = v.number.map(|n| -n);
        }
        if let Some(v) = baseline.as_mut() {
            v.year = value::years_in(left).into_iter().last();
        }
        if let Some(v) = target.as_mut() {
            v.year = value::years_in(right).into_iter().next();
        }
        let (name, description) = super::tables::name_and_description(name);
        let indicator = Indicator::row("指標", name, description, baseline, target);
        let (first, last, quoted) = match &above {
            Some((_, at)) if *at > line.no => {
                (line.no, *at, format!("{} {}", text.trim(), doc.lines[at - 1].text.trim()))
            }
            Some((_, at)) => (*at, line.no, format!("{} {text}", doc.lines[at - 1].text.trim())),
            None => (line.no, line.no, text.to_string()),
        };
        let sentence = quoted.chars().take(super::MAX_QUOTE).collect();
        out.push(Stated { line: first, line_end: last, sentence, body: Body::Indicator(Box::new(indicator)) });
    }
    out
}

/// 「現状　6.8km　→　目標　14.0km（令和16年度末）」 / 「（うち前期の目標　10.2km（令和11年度末））」:
/// a target on the way, with its year, in a bracket on the line under a row that has none, is
/// that row's: its yearly steps become baseline, the step, target. The row takes the line.
pub fn interim_steps(doc: &Doc, found: &mut [(usize, usize, Body)]) {
    for (_, end, body) in found.iter_mut() {
        let Body::Indicator(i) = body else { continue };
        if !i.yearly.is_empty() || i.target.is_none() {
            continue;
        }
        let Some(step) = doc.lines.iter().find(|l| l.no == *end + 1).and_then(|l| interim_step(&l.text, l.no)) else {
            continue;
        };
        let before_target = i
            .target
            .as_ref()
            .and_then(|t| t.year.as_ref())
            .is_some_and(|t| step.year.as_ref().is_some_and(|s| s.fiscal < t.fiscal));
        if before_target {
            i.yearly = [i.baseline.clone(), Some(step), i.target.clone()].into_iter().flatten().collect();
            *end += 1;
        }
    }
}

/// A line that is one bracket stating a target on the way with its year: 「（うち前期の目標
/// 10.2km（令和11年度末））」「（中間目標 80％（令和９年度））」.
fn interim_step(text: &str, line: usize) -> Option<Value> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    if !inner.contains("目標") {
        return None;
    }
    let year = value::years_in(inner).into_iter().last()?;
    let c = ANY_FIGURE.captures_iter(inner).find(|c| !is_year(c, inner))?;
    let mut v = captured_figure(&c, inner, line)?;
    v.year = Some(year);
    Some(v)
}

/// 「(2)間伐を行う森林の面積(目標:年間120ha 現状 年間86ha)」「(3)…の割合を5ポイント引き上げ
/// ます(現状 70.8%)」: a name, then a bracket at the end of the line of figures each after its
/// label (現状, 目標 … from the vocabulary), in either order and with no arrow between.
pub fn labelled_figures(doc: &Doc, vocabulary: &Vocabulary) -> Vec<Stated> {
    let mut out = Vec::new();
    for line in &doc.lines {
        let text = line.text.trim();
        if !text.ends_with(')') || text.contains(['\t', '|', '→', '⇒', '➡']) || text.chars().count() > 200 {
            continue;
        }
        let Some(open) = text.rfind('(') else { continue };
        let (before, inside) = (&text[..open], &text[open + 1..text.len() - 1]);
        let mut baseline = None;
        let mut target = None;
        let mut label: Option<Role> = None;
        for token in inside.split([' ', ':', '/']).filter(|t| !t.is_empty()) {
            if let Some(l) = vocabulary.exact_label(token).filter(|l| matches!(l.role, Role::Baseline | Role::Target)) {
                label = Some(l.role);
                continue;
            }
            let slot = match label.take() {
                Some(Role::Baseline) => &mut baseline,
                Some(Role::Target) => &mut target,
                _ => continue,
            };
            let Some(c) = ANY_FIGURE.captures(token).filter(|c| !is_year(c, token)) else { continue };
            let number = c.get(1).expect("a figure has its number").start();
            *slot = value::parse(&token[number..], line.no);
            if let Some(v) = slot.as_mut().filter(|_| token[..number].contains("累計")) {
                v.qualifier.get_or_insert_with(|| "累計".to_string());
            }
        }
        if baseline.is_none() && target.is_none() {
            continue;
        }
        let name = without_verb(before.trim());
        let (name, description) = super::tables::name_and_description(name);
        if name.chars().count() < 2 || name.contains('。') || vocabulary.is_word(&name) || looks_like_value(&name) {
            continue;
        }
        let indicator = Indicator::row("指標", name, description, baseline, target);
        out.push(Stated {
            line: line.no,
            line_end: line.no,
            sentence: text.chars().take(super::MAX_QUOTE).collect(),
            body: Body::Indicator(Box::new(indicator)),
        });
    }
    out
}

/// A numbered target whose figures stand under its name after a colon, with no arrow:
/// 「①長寿命化した施設の数」 / 「：令和１１年度までに累計４０施設（令和５年度末　累計１６施設）」,
/// 「：令和１１年度までに令和４年度比１０％削減」 (the change is the target). The target is the
/// last figure outside brackets; the baseline the figure in the bracket at the end of the line or
/// alone on the line below: the base year's (the first) when the target is a change from a year
/// (「平成２８年度比で２０％縮減」 over 「（平成２８年度　３７８，０００㎡／令和５年度末　…）」), else
/// the latest (the last).
pub fn colon_targets(doc: &Doc, vocabulary: &Vocabulary) -> Vec<Stated> {
    let mut out = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let text = line.text.trim();
        let Some(rest) = text.strip_prefix(':') else { continue };
        if rest.contains(['→', '⇒', '➡', '\t', '|', '。']) || rest.chars().count() > 80 {
            continue;
        }
        let Some((name, at)) = name_above(doc, line.no, vocabulary) else { continue };
        let (main, own_bracket) = match rest.find('(') {
            Some(open) if rest.trim_end().ends_with(')') => (&rest[..open], Some(&rest[open..])),
            _ => (rest, None),
        };
        let below = doc.lines.get(i + 1).map(|l| (l.text.trim(), l.no)).filter(|(t, _)| {
            // One bracket, the whole line: 「(6)公共施設の…(延床面積ベース)」 is the next item.
            own_bracket.is_none() && t.starts_with('(') && t.find(')') == Some(t.len() - 1) && t.chars().count() <= 80
        });
        let (bracket, end) = match (own_bracket, below) {
            (Some(b), _) => (b, line.no),
            (None, Some((b, no))) => (b, no),
            (None, None) => ("", line.no),
        };
        let Some(goal) = ANY_FIGURE.captures_iter(main).filter(|c| !is_year(c, main)).last() else { continue };
        let Some(mut target) = captured_figure(&goal, main, line.no) else { continue };
        // The target's year: the one before までに (not the base year of 「…年度比」), else the
        // last one (the end of 「令和７年度～令和１１年度の累計」).
        let by = main.find("までに").map_or(main, |at| &main[..at]);
        target.year = value::years_in(by).into_iter().last();
        let figures: Vec<regex::Captures> =
            ANY_FIGURE.captures_iter(bracket).filter(|c| !is_year(c, bracket)).collect();
        let from_year = main.contains('比');
        let base = if from_year { figures.first() } else { figures.last() };
        let baseline = base.and_then(|c| {
            let mut v = captured_figure(c, bracket, end)?;
            v.year = value::years_in(&bracket[..c.get(0).unwrap().start()]).into_iter().last();
            Some(v)
        });
        let (name, description) = super::tables::name_and_description(&name);
        let indicator = Indicator::row("目標", name, description, baseline, Some(target));
        let quoted: Vec<&str> = doc.lines[at - 1..end].iter().map(|l| l.text.trim()).collect();
        let sentence = quoted.join(" ").chars().take(super::MAX_QUOTE).collect();
        out.push(Stated { line: at, line_end: end, sentence, body: Body::Indicator(Box::new(indicator)) });
    }
    out
}

/// 「(1)図書館の貸出冊数を50万冊にします。」 over 「※現状値：45万冊（令和5年度）」: a target
/// stated without its baseline takes the baseline of a note right under it, a line that is only
/// a baseline label and a figure.
pub fn baseline_notes(doc: &Doc, vocabulary: &Vocabulary, stated: &mut [Stated]) {
    for s in stated.iter_mut() {
        let Body::Indicator(i) = &mut s.body else { continue };
        if i.baseline.is_some() || i.target.is_none() {
            continue;
        }
        let below = doc.lines.iter().skip(s.line_end).take(2).find(|l| !l.text.trim().is_empty());
        let Some(below) = below else { continue };
        let text = below.text.trim();
        let Some((label, rest)) = text.split_once([':', ' ']) else { continue };
        if !vocabulary.exact_label(label).is_some_and(|l| l.role == Role::Baseline) {
            continue;
        }
        // Only a figure with its unit and year: 「45万冊(令和5年度)」, no sentence.
        let figure = rest.split('(').next().unwrap_or("").trim();
        let bracket = rest[figure.len()..].trim();
        let plain = figure.chars().count() <= 12 && (bracket.is_empty() || bracket.ends_with(')'));
        if !plain || rest.contains('。') || !figure.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Some(mut v) = value::parse(figure, below.no).filter(|v| v.figure.is_some()) else { continue };
        v.year = value::years_in(rest).into_iter().next();
        i.baseline = Some(v);
        s.line_end = below.no;
        s.sentence = format!("{} {}", s.sentence, text).chars().take(super::MAX_QUOTE).collect();
    }
}

/// Most lines above a target sentence its chart's caption may stand.
const CAPTION_REACH: usize = 8;

/// A target stated in a sentence with no baseline (「…の割合を60％まで引き上げることを目指します」)
/// whose chart stands above it, the present in the caption (「〔図3　…の割合　41.2％〕」,
/// 「図2 …の推移（令和元年 45.2％ → 令和5年 48.0％）」): the caption's latest figure of the
/// target's unit is the baseline, and the record stands on the caption's line too. The caption
/// must name the target's topic (most of its letter pairs).
pub fn caption_baselines(doc: &Doc, stated: &mut [Stated]) {
    for s in stated.iter_mut() {
        let Body::Indicator(i) = &mut s.body else { continue };
        let Some(unit) = i.target.as_ref().filter(|_| i.baseline.is_none()).map(|t| t.unit.clone()) else { continue };
        if unit.is_empty() {
            continue;
        }
        let first = s.line.saturating_sub(CAPTION_REACH + 1);
        let above = doc.lines.get(first..s.line.saturating_sub(1)).unwrap_or_default();
        let Some(caption) = above.iter().rev().find(|l| is_caption(&l.text) && names_topic(&l.text, &i.name)) else {
            continue;
        };
        let text = caption.text.as_str();
        let figures: Vec<regex::Captures> = ANY_FIGURE
            .captures_iter(text)
            .filter(|c| !is_year(c, text) && text[c.get(1).map_or(0, |m| m.end())..].starts_with(unit.as_str()))
            .collect();
        // Outside brackets first: 「41.2％（うち文書あり 28.9％）」 states 41.2.
        let depth = |at: usize| text[..at].matches(['(', '（']).count() > text[..at].matches([')', '）']).count();
        let latest = figures.iter().rfind(|c| !depth(c.get(0).map_or(0, |m| m.start()))).or(figures.last());
        let Some(mut v) = latest.and_then(|c| captured_figure(c, text, caption.no)) else { continue };
        let at = latest.and_then(|c| c.get(0)).map_or(0, |m| m.start());
        v.year = value::years_in(&text[..at]).into_iter().last();
        i.baseline = Some(v);
        s.sentence = format!("{} {}", text, s.sentence).chars().take(super::MAX_QUOTE).collect();
        s.line = caption.no;
    }
}

/// Whether a text names a topic: holds it whole, or most of its pairs of letters.
fn names_topic(text: &str, topic: &str) -> bool {
    let topic: String = topic.chars().filter(|c| !c.is_whitespace()).collect();
    topic.chars().nth(1).is_some() && (text.contains(&topic) || super::normalize::name_recall(text, &topic) >= 0.7)
}

/// A target written as a word where a figure would stand.
static WORD_TARGET: Lazy<Regex> = Lazy::new(|| Regex::new(r"現状維持|維持|増加|減少|倍増|半減|均衡|解消").unwrap());

/// The name a line of figures opening with a colon belongs to: the line right above it, short,
/// with no figure after an arrow and no sentence, without its bullet or label (「KPI①」,
/// 「①」); with that line's number.
fn name_above(doc: &Doc, no: usize, vocabulary: &Vocabulary) -> Option<(String, usize)> {
    let above = doc.lines.get(no.checked_sub(2)?)?;
    let text = above.text.trim();
    if text.is_empty()
        || text.starts_with(':')
        || text.contains(['→', '⇒', '➡', '。', '\t', '|'])
        || text.chars().count() > 60
    {
        return None;
    }
    let circled = |c: char| ('①'..='⑳').contains(&c);
    let text = text.trim_start_matches(['・', '○', '●', '■', '◆', '-', ' ']);
    let text = match text.split_once(' ') {
        Some((label, rest))
            if !rest.trim().is_empty()
                && label.chars().count() <= 8
                && (label.ends_with(circled) || vocabulary.label(label.trim_end_matches(circled)).is_some()) =>
        {
            rest.trim()
        }
        _ => text,
    };
    let name = text.trim_start_matches(circled).trim();
    (name.chars().count() >= 2 && !vocabulary.is_word(name)).then(|| (name.to_string(), above.no))
}

/// The name on the line right below a line of figures alone (see [`arrows`]): a line of text
/// with no figure of its own, no sentence and no mark of a heading.
fn name_below(doc: &Doc, no: usize, vocabulary: &Vocabulary) -> Option<(String, usize)> {
    let below = doc.lines.get(no)?;
    let text = below.text.trim();
    if text.chars().count() < 2
        || text.chars().count() > 80
        || text.contains(['→', '⇒', '➡', '。', '\t', '|'])
        || text.starts_with(['■', '□', '◆', '●', '【', '#'])
        || value::looks_like_value(text)
        || vocabulary.is_word(text)
    {
        return None;
    }
    Some((text.to_string(), below.no))
}

/// Words that stand between a label and its figure (「現状:延べ3,240人」), not in the name.
const FIGURE_PREFIXES: [&str; 4] = ["延べ", "約", "年間", "累計"];

/// The figure a match of [`FIGURE`] in `within` captured, with the unit right after it
/// (「21,400人(H28)」: the lazy unit of FIGURE takes nothing when nothing follows it in the
/// pattern) and the bound after that unit (「30台以下」).
fn captured_figure(c: &regex::Captures, within: &str, line: usize) -> Option<Value> {
    let text = spanned(c, within);
    let mut v = value::parse(&text, line)?;
    if v.unit.is_empty() {
        let (unit, bound) = unit_and_bound(&within[c.get(0)?.end()..]);
        v.unit = unit.to_string();
        if v.qualifier.is_none() && !bound.is_empty() {
            v.qualifier = Some(bound.to_string());
        }
    }
    Some(v)
}

/// A captured figure's text, with the span it is per (「年3回から年6回に」: see `Value::display`);
/// not the 年 of a date (「令和6年31人」).
fn spanned(c: &regex::Captures, within: &str) -> String {
    let (Some(whole), Some(number)) = (c.get(0), c.get(1)) else { return String::new() };
    let before = &whole.as_str()[..number.start() - whole.start()];
    let dated = within[..whole.start()].ends_with(|p: char| p.is_ascii_alphanumeric() || p == '元');
    let per = if matches!(before, "年" | "年間") && !dated { before } else { "" };
    format!("{per}{}{}{}", number.as_str(), c.get(2).map_or("", |m| m.as_str()), c.get(3).map_or("", |m| m.as_str()))
}

/// The unit (the longest of [`value::UNITS`]) and the bound ([`BOUNDS`]) that a text right after
/// a figure starts with, each empty when there is none: 「億円です」 → (億円, ""), 「台以下」 → (台, 以下).
fn unit_and_bound(tail: &str) -> (&'static str, &'static str) {
    let unit = value::UNITS.iter().filter(|u| tail.starts_with(**u)).max_by_key(|u| u.len()).copied().unwrap_or("");
    let bound = BOUNDS.iter().find(|b| tail[unit.len()..].starts_with(**b)).copied().unwrap_or("");
    (unit, bound)
}

/// The words that bound a figure from above or below (「30台以下」「85%以上」).
pub(crate) const BOUNDS: [&str; 4] = ["以上", "以下", "未満", "以内"];

/// The indicator's name in the text before its first figure: without the labels and the words
/// between them and the figure (「…の参加者数(現状:延べ」, 「…を増やします(現状:」), and
/// without the verb of a numbered target (「(1)認定農業者の数を増やします」).
fn name_before(text: &str, vocabulary: &Vocabulary) -> String {
    // 「５年間で」「3か年の累計」: the span a figure is counted over, no part of the name.
    static SPAN: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\d+(?:か|カ|ヶ|ケ|箇)?年間?(?:で|の累計|累計)?$").unwrap());
    let mut words: Vec<&str> = text.split([' ', ':']).filter(|w| !w.is_empty()).collect();
    while let Some(last) = words.last().copied() {
        if FIGURE_PREFIXES.contains(&last) || SPAN.is_match(last) {
            words.pop();
            continue;
        }
        // A label opening a bracket after the name: 「…の割合(現状」 (but 「現状値(令和4年度)」 is
        // a label with its year).
        if let Some(at) = last.rfind('(').filter(|&at| at > 0) {
            let (name, label) = (&last[..at], &last[at + 1..]);
            if vocabulary.exact_label(name).is_none()
                && vocabulary.exact_label(label).is_some_and(|l| l.role.is_value())
            {
                *words.last_mut().expect("not empty") = name;
                break;
            }
        }
        if vocabulary.exact_label(last).is_some() {
            words.pop();
            continue;
        }
        break;
    }
    // 「指標：未受診者への勧奨通知率」「・目標：加入率」: a label before the name is none of it.
    let label_first = |w: &str| {
        let w = w.trim_start_matches(['・', '○', '●', '◎', '■', '◆', '-']);
        vocabulary.exact_label(w).is_some_and(|l| l.role == Role::Name || l.role.is_value())
    };
    while words.len() >= 2 && label_first(words[0]) {
        words.remove(0);
    }
    let name = words.join(" ");
    without_verb(&name).to_string()
}

/// 「認定農業者の数を増やします」 → 「認定農業者の数」: a numbered target written as a sentence
/// names its indicator before the を.
fn without_verb(name: &str) -> &str {
    match name.rfind('を') {
        Some(at) if name.ends_with("ます") && at >= 6 => &name[..at],
        _ => name,
    }
}

/// The verb in the present or as intent: 「にします」「に増やし、」「にすることを目指します」,
/// 「とします」「にしたい」「をめざします」;
/// 「にしています」「増やしました」 state what happened.
fn target_pattern(vocabulary: &Vocabulary) -> Option<Regex> {
    let verbs: Vec<String> = vocabulary.prose_verbs.iter().map(|v| regex::escape(v)).collect();
    if verbs.is_empty() {
        return None;
    }
    // 「2,400人とします」: the figure the topic is to become, said with と; 「1,500人まで増やす
    // ことをめざします」: with まで and a verb in its plain form (vocabulary).
    // 「年間30人にしたい」: intent; 「累計80件をめざします」「50%を目標とします」: the figure as
    // the object of aiming itself (「目指して」 is left: 「…を目指してきましたが」 tells a past).
    // 「７億円以上を確保します」: the figure as the object of a verb of `[prose] objects`;
    // 「年間４人（10年間で40人）確保することを目指します」: or right before 確保/維持 itself.
    let objects: Vec<String> = vocabulary.prose_objects.iter().map(|v| regex::escape(v)).collect();
    let objects = if objects.is_empty() { "目指|めざ".to_string() } else { objects.join("|") };
    Regex::new(&format!(
        "{FIGURE}(?:(?:(?:に|へ|まで)(?:まで)?(?:{})|とし|とす)(?:ます|、|る?ことを(?:目指|めざ|目標)|たい)|を(?:{objects})(?:します|す|ます|ことを(?:目指します|めざします|目標とします|目標とする))|を目標と(?:します|する)|とする目標(?:です|であ|とし)|(?:[(（][^)）]{{1,20}}[)）])?(?:確保|維持)(?:します|することを(?:目指|めざ|目標)))",
        verbs.join("|")
    ))
    .ok()
}

/// A figure dated to the present by a word of `[prose] now` and stated, not aimed at:
/// 「いま累計42件ですが」「現在は1,200人であり」.
fn now_pattern(vocabulary: &Vocabulary) -> Option<Regex> {
    let words: Vec<String> = vocabulary.prose_now.iter().map(|v| regex::escape(v)).collect();
    if words.is_empty() {
        return None;
    }
    Regex::new(&format!("(?:{})(?:は|で|の)?、?{FIGURE}(?:です|でした|であり|となって|、)", words.join("|"))).ok()
}

fn count_patterns(vocabulary: &Vocabulary) -> Option<(Regex, Regex)> {
    let nouns: Vec<String> = vocabulary.count_nouns.iter().map(|n| regex::escape(n)).collect();
    if nouns.is_empty() {
        return None;
    }
    let nouns = nouns.join("|");
    // 「16の取組項目」: the counted noun may be a compound of counted nouns (取組+項目).
    let before = Regex::new(&format!(r"(\d+)(?:つ)?の([^\d\s、。をにはがでと]{{0,6}}?(?:{nouns})+)")).ok()?;
    // 「ＫＰＩは全部で２２です」: after 全部で/合計 the number may stand without a counter.
    let after = Regex::new(&format!(
        r"(?P<label>[\p{{Han}}ァ-ヶーA-Za-z]*(?:{nouns}))(?:の数)?(?:は|が)(?:(?:全部で|計|合計)?(?P<value>\d+)(?P<unit>項目|事業|件|施策|計画|本|つ)|(?:全部で|合計)(?P<bare>\d+)(?:です|。|あり))"
    ))
    .ok()?;
    Some((before, after))
}

/// A figure match whose unit is a year (「令和12年度に」) is a date, not a figure.
/// So is the number of an era year written short (「(H28)」「R7」): it follows its era.
fn is_year(c: &regex::Captures, text: &str) -> bool {
    c.get(1).is_some_and(|n| {
        let before = text[..n.start()].trim_end();
        let letter = before.strip_suffix(['R', 'H']).is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_alphabetic()));
        let era = letter || ["令和", "平成", "昭和"].iter().any(|e| before.ends_with(e));
        // The day of a dotted date (「R7.4.1」): a figure's decimals would have gone with it.
        let day = before.strip_suffix('.').is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
        let era = era || day;
        // 「4月1日」: a day; 「5箇年間」「3か年」: a span of years.
        let after = &text[n.end()..];
        let span = after.trim_start_matches(['箇', 'か', 'ヵ', 'ケ', 'カ', 'ヶ']).starts_with('年')
            && !after.starts_with('年');
        let day = after.starts_with('日') && before.ends_with('月');
        // 「1-2」: a dash between numbers (a measure's number) is no minus.
        let dash = n.as_str().starts_with('-') && text[..n.start()].ends_with(|c: char| c.is_ascii_alphanumeric());
        let era = era || dash;
        // 「38.6万m2」: the power of a unit (㎡ as NFKC writes it) is no figure either.
        let power = text[..n.start()].ends_with(['m', 'M']) && n.as_str().len() == 1;
        // 「1人1日当たり」「1世帯あたり」: the one of a rate's basis, no figure of its own.
        let per = n.as_str() == "1" && {
            let counter: String = after.chars().take_while(|c| !c.is_ascii_digit() && !"当あ".contains(*c)).collect();
            let rest = &after[counter.len()..];
            (1..=3).contains(&counter.chars().count())
                && (["当たり", "あたり", "当り"].iter().any(|w| rest.starts_with(w)) || rest.starts_with('1'))
        };
        after.starts_with(['年', '月']) || era || span || day || power || per
    })
}

/// `patterns`: the target pattern, and the pattern of a figure stated as the present (`now_pattern`).
/// Where a sentence stands: the sentence before it, the heading right above its paragraph,
/// and its line.
struct Context<'a> {
    previous: &'a str,
    heading: Option<&'a str>,
    line: usize,
}

fn read_sentence(quote: &str, context: &Context, patterns: (&Regex, Option<&Regex>), out: &mut Vec<Stated>) {
    let Context { previous, heading, line } = *context;
    let (target, now) = patterns;
    // Every target this reads holds a figure (`\d`, which is_numeric includes): a sentence of a
    // line with figures may have none (the line's other sentences hold them).
    if !quote.contains(value::is_numeric) {
        return;
    }
    // 「県の…計画は、県全体の漁業生産額を…420億円とすることを目標としています」: a target of
    // another body, told for reference, is none of this plan's.
    if of_another_body(quote) {
        return;
    }
    // 「…を令和11年度末に55%(令和5年度末 38.2%)とします」: the baseline in brackets between the
    // target and its verb; read without it, and kept as the baseline.
    static INNER: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"(\d[^\s()]{0,6}?)\(([^()]{0,30}\d[^()]{0,30})\)(とし|に|へ|まで)").unwrap());
    // Both patterns below need a bracket.
    let bracketed = quote.contains('(');
    let inner: Vec<String> =
        if bracketed { INNER.captures_iter(quote).map(|c| c[2].to_string()).collect() } else { Vec::new() };
    let cleaned = if bracketed { INNER.replace_all(quote, "$1$3") } else { quote.into() };
    // 「…全ての行政区での結成（100％）を目指します」: a state aimed at, its figure in brackets
    // after it; read as the figure aimed at, of the topic the sentence before gave a figure of
    // in the same unit (「自主防災組織の組織率は…78.0％です。」). The state alone (結成) names
    // no indicator.
    static STATE_FIGURE: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"\((\d[\d,]*(?:\.\d+)?[^\d\s()]{0,4})\)(を(?:目指|めざ|目標と))").unwrap());
    let state_aimed = bracketed && STATE_FIGURE.is_match(&cleaned);
    let cleaned = if state_aimed { STATE_FIGURE.replace_all(&cleaned, "$1$2").into_owned().into() } else { cleaned };
    // 「…マンションは４棟です。令和16年度までに累計40棟の認定を目指します。」: a figure of what
    // is aimed at (40棟 of 認定): read as the figure aimed at, of the topic the sentence before
    // gave a figure of in the same unit; with none there, as any other target.
    static NOUN_AIMED: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
            r"(\d[\d,]*(?:\.\d+)?[^\d\s()、。の]{1,4})の[^\s\dをはにがでのと、。()]{1,6}(を(?:目指|めざ|目標と))",
        )
        .unwrap()
    });
    // (Not 「現状の12団体の維持を目標とする」: a state word says the figure is the present one.)
    let noun_aimed =
        !state_aimed && NOUN_AIMED.captures(&cleaned).is_some_and(|c| !WORD_TARGET.is_match(&c[0][c[1].len()..]));
    let cleaned = if noun_aimed { NOUN_AIMED.replace_all(&cleaned, "$1$2").into_owned().into() } else { cleaned };
    let sentence: &str = &cleaned;
    // 「…修繕が必要な橋を令和11年度までに解消します(令和5年度末 23橋)」: a target said as a word,
    // with the baseline in brackets after the verb.
    static WORDED: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?:までに|に)(解消|半減|倍増)(?:し|させ)ます\(([^()]{0,30}\d[^()]{0,30})\)").unwrap()
    });
    if let Some(c) = sentence.contains("ます(").then(|| WORDED.captures(sentence)).flatten() {
        let whole = c.get(0).unwrap();
        let segment = &sentence[..whole.start()];
        let bracket = &c[2];
        let last = ANY_FIGURE.captures_iter(bracket).filter(|c| !is_year(c, bracket)).last();
        let baseline = last.and_then(|b| {
            let unit = b.get(2).map_or("", |m| m.as_str());
            let mut v = value::parse(&format!("{}{unit}", &b[1]), line)?;
            v.year = value::years_in(bracket).into_iter().last();
            Some(v)
        });
        if let (Some(topic), Some(baseline)) = (topic(segment), baseline) {
            let mut worded = value::parse(&c[1], line);
            add_years(&mut worded, segment);
            let indicator = Indicator::row("目標", topic, None, Some(baseline), worded);
            out.push(Stated {
                line,
                line_end: line,
                sentence: quote.trim().to_string(),
                body: Body::Indicator(Box::new(indicator)),
            });
        }
    }
    let mut targets: Vec<regex::Captures> = target
        .captures_iter(sentence)
        .chain(CHANGE.captures_iter(sentence))
        .filter(|c| !is_year(c, sentence))
        .collect();
    targets.sort_by_key(|c| c.get(0).unwrap().start());
    if let Some(last) = targets.last().map(|c| c.get(0).unwrap().start()) {
        // (Each coordinated clause with its own object and its own baseline from which it goes.)
        let own_clause = |c: &regex::Captures| {
            let clause = sentence[..c.get(0).unwrap().start()].rsplit('、').next().unwrap_or("");
            clause.contains('を') && clause.contains("から") && BASELINE.is_match(clause)
        };
        // (A figure right after its object, when the verb that ends the sentence is a と verb:
        // 「…とすることを目標とします」.)
        let and_verb = targets.last().is_some_and(|t| t.get(0).unwrap().as_str().contains("とす"));
        // The figure without its を, so that the object stays in the segment before it.
        let bare = COORDINATED_BARE.find_iter(&sentence[..last]).filter(|_| and_verb).filter_map(|m| {
            let at = m.start() + 'を'.len_utf8();
            FIGURE_AND_COMMA.captures_at(&sentence[..last], at).filter(|c| c.get(0).unwrap().start() == at)
        });
        let coordinated: Vec<regex::Captures> = COORDINATED
            .captures_iter(&sentence[..last])
            .filter(|c| !is_year(c, sentence) && own_clause(c))
            .chain(bare.filter(|c| !is_year(c, sentence)))
            .collect();
        if !coordinated.is_empty() {
            targets.splice(0..0, coordinated);
            targets.sort_by_key(|c| c.get(0).unwrap().start());
        }
    }
    let read_before = out.len();
    let mut from = 0;
    for t in targets {
        let whole = t.get(0).unwrap();
        if whole.start() < from {
            continue;
        }
        let segment = &sentence[from..whole.start()];
        let base = BASELINE.captures_iter(segment).filter(|c| !is_year(c, segment)).last();
        let topic_before = base.as_ref().map_or(segment.len(), |b| b.get(0).unwrap().start());
        from = whole.end();
        // 「第二次計画では、…を50パーセントにすることを目標としたが、…」: an aim of the past,
        // told with what came of it, is no target of this plan.
        let after = &sentence[whole.end()..];
        if after[..after.find(['、', '。']).unwrap_or(after.len())].ends_with("たが") {
            continue;
        }
        // 「…移り住んだ人は、いま年間18人です。五年後には年間30人にふやします。」: a sentence with
        // no topic of its own continues the one before, when that one states a single figure of
        // this target's unit about its topic.
        let continued = || antecedent(previous).filter(|named| stated_before(previous, named, &t[2], line).is_some());
        // 「…移住を進めて、令和16年の人口11,000人をめざします」: a figure aimed at as an object
        // is the figure of the noun written right before it, not of the last を's object.
        let aimed = ["を目指", "をめざ", "を目標と"].iter().any(|w| whole.as_str().contains(w));
        // (Not a word right after the topic's は: 「源泉の湧出量は、毎分合計1,840リットル以上を…」.)
        let glued = aimed
            .then(|| glued_noun(segment))
            .flatten()
            .filter(|g| !segment[..segment.len() - g.len()].trim_end_matches('、').ends_with('は'));
        // 「目標１　家庭系ごみ排出量」 / 「令和2年度の520gから、令和12年度までに460gに削減します」:
        // a sentence with no subject at all is about the heading right above it.
        let headed = || heading.filter(|_| !segment.contains(['を', 'は'])).map(str::to_string);
        let found = match (state_aimed, noun_aimed) {
            (true, _) => continued(),
            (false, true) => continued().or_else(|| glued.or_else(|| topic(&segment[..topic_before]))),
            (false, false) => glued
                .or_else(|| topic(&segment[..topic_before]))
                .or_else(|| base.as_ref().and_then(|_| glued_to_baseline(&segment[..topic_before])))
                .or_else(continued),
        };
        let Some(mut topic) = found.or_else(headed) else {
            continue;
        };
        // 「この割合を…に高めます」: the demonstrative names what was stated just before it, in
        // this sentence (「ごみの排出量は現在…ですが、これを…」) or the one before.
        // Only a short one (これ, この割合, その数): 「その他の…」 names its own thing.
        let demonstrative = topic.starts_with(['こ', 'そ'])
            && topic.chars().nth(1).is_some_and(|c| c == 'の' || c == 'れ')
            && topic.chars().count() <= 5
            && !topic.starts_with("その他");
        if let Some(named) = antecedent(&segment[..topic_before])
            .or_else(|| antecedent(previous))
            .or_else(|| named_subject(previous, &topic))
            .filter(|_| demonstrative)
        {
            topic = named;
        }
        // 「令和12年４月１日の職員数を61人とします」: the date says when; what is counted is the rest,
        // as the sentence before named it in full (「普通会計の職員数は、…64人です」).
        if let Some(rest) = DATED.find(&topic).map(|m| topic[m.end()..].to_string()) {
            if rest.chars().count() >= 2 {
                // (Not a rate of it: 「人口千人当たりの職員数」 is no count of 職員数.)
                let per = |t: &str| t.contains("当たり") || t.contains("あたり");
                topic = antecedent(previous)
                    .filter(|named| named.ends_with(&rest) && (!per(named) || per(&rest)))
                    .unwrap_or(rest);
            }
        }
        let figure = |c: &regex::Captures, within: &str| value::parse(&spanned(c, within), line);
        let mut baseline = base.as_ref().and_then(|b| figure(b, segment));
        // 「管理の状況を確認できないマンション（９棟）を、…０棟とします」: the present figure in
        // brackets right after the topic, in the target's unit.
        if let Some((name, inner)) = topic.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
            // 「（約2,300人、うち津波によるもの約2,050人）」: the whole, before its part.
            let inner = inner.split_once("、うち").map_or(inner, |(whole, _)| whole);
            let aimed = figure(&t, sentence);
            // A dated one (「（令和６年度末13.9億円）」): the figure after the date, of that year.
            let dated = || {
                let last = ANY_FIGURE.captures_iter(inner).filter(|c| !is_year(c, inner)).last()?;
                let mut v = value::parse(&inner[last.get(1)?.start()..], line)?;
                v.year = value::years_in(inner).into_iter().last();
                Some(v)
            };
            let stated = value::parse(inner, line).filter(|v| v.figure.is_some()).or_else(dated).filter(|v| {
                v.figure.is_some() && v.qualifier.is_none() && aimed.as_ref().is_some_and(|a| a.unit == v.unit)
            });
            if let Some(v) = stated {
                baseline = baseline.or(Some(v));
                topic = name.trim_end().to_string();
            }
        }
        // 「…物件は、いま累計42件ですが、五年後には累計80件をめざします」: the present, in the clause
        // before the target.
        if baseline.is_none() {
            let stated = now.and_then(|now| now.captures_iter(segment).filter(|c| !is_year(c, segment)).last());
            baseline = stated.as_ref().and_then(|c| figure(c, segment));
        }
        if baseline.is_none() {
            baseline = stated_before(previous, &topic, &t[2], line);
        }
        // 「…を、令和11年度に50％にします（令和５年度 38.6％）。」: the baseline in brackets right
        // after the verb, the first figure there in the target's unit (not a 県平均 after it).
        if baseline.is_none() {
            baseline = bracket_after(&sentence[whole.end()..], &t[2], line);
        }
        // (Only a dated bracket: 「月額6,300円（年額75,600円）とします」 says the target again.)
        let dated = inner.iter().all(|b| !value::years_in(b).is_empty());
        if let (None, [bracket], true) = (&baseline, inner.as_slice(), dated) {
            let last = ANY_FIGURE.captures_iter(bracket).filter(|c| !is_year(c, bracket)).last();
            baseline = last.as_ref().and_then(|c| figure(c, bracket)).map(|mut v| {
                v.year = value::years_in(bracket).into_iter().last();
                v
            });
        }
        let mut indicator = Indicator::row("目標", topic, None, baseline, figure(&t, sentence));
        if whole.as_str().starts_with("累計") {
            if let Some(v) = indicator.target.as_mut() {
                v.qualifier.get_or_insert_with(|| "累計".to_string());
            }
        }
        add_years(&mut indicator.target, sentence);
        out.push(Stated {
            line,
            line_end: line,
            sentence: quote.trim().to_string(),
            body: Body::Indicator(Box::new(indicator)),
        });
    }
    if out.len() == read_before {
        if let Some(indicator) = target_is(sentence, line) {
            out.push(Stated {
                line,
                line_end: line,
                sentence: quote.trim().to_string(),
                body: Body::Indicator(Box::new(indicator)),
            });
        }
    }
}

/// A target stated as what the target is: 「大綱の効果額の目標は５年間の累計で５億円です。」
/// The topic is the clause before 「の目標は」; the figure the first one after it, ending the
/// sentence (with です or とします), a few words at most between (「５年間の累計で」).
fn target_is(sentence: &str, line: usize) -> Option<Indicator> {
    /// Most characters between 「目標は」 and the figure.
    const MAX_BETWEEN: usize = 12;
    /// Words of a topic that make the target another body's or an earlier plan's: 「国が示す
    /// 市町村国保の目標は60％です」「創業者数の前計画（令和３～７年度）の目標は年間50人」.
    const NOT_OURS: [&str; 7] = ["国の", "国が", "県の", "県が", "全国", "前計画", "前期"];
    let (before, rest) = sentence.split_once("の目標値は").or_else(|| sentence.split_once("の目標は"))?;
    let topic = last_clause(before).trim().trim_start_matches(['※', ' ']);
    let rest = rest.trim_start_matches('、');
    let c = ANY_FIGURE.captures_iter(rest).find(|c| !is_year(c, rest))?;
    let whole = c.get(0)?;
    let between = &rest[..whole.start()];
    // The unit and the bound after the figure, which the lazy pattern leaves out (「５億円です」).
    let tail = &rest[c.get(1)?.end()..];
    let (unit, bound) = unit_and_bound(tail);
    let after = &tail[unit.len() + bound.len()..];
    let closed = ["です", "とします", "とする"].iter().any(|w| after.starts_with(w));
    let n = topic.chars().count();
    if !closed
        || between.contains(['、', '。'])
        || between.chars().count() > MAX_BETWEEN
        || !(2..=MAX_TOPIC).contains(&n)
        || value::looks_like_value(topic)
        || NOT_OURS.iter().any(|w| topic.contains(w))
        || topic.ends_with(['国', '県'])
    {
        return None;
    }
    let mut target = value::parse(&format!("{}{unit}{bound}", &c[1]), line)?;
    target.year = value::years_in(between).into_iter().last();
    if whole.as_str().starts_with("累計") || between.contains("累計") {
        target.qualifier.get_or_insert_with(|| "累計".to_string());
    }
    Some(Indicator::row("目標", topic.to_string(), None, None, Some(target)))
}

/// The first figure in the unit `unit` of a bracket that opens `rest`, dated by the years
/// written before it in the bracket (「(令和5年度決算 95.6%、県内市平均 93.1%)」 → 95.6%, R5).
fn bracket_after(rest: &str, unit: &str, line: usize) -> Option<Value> {
    // (After the rest of the verb: 「…とすることを目指|します（…）」.)
    let inside = rest.trim_start_matches(|c: char| ('ぁ'..='ん').contains(&c)).strip_prefix('(')?;
    let inside = &inside[..inside.find(')')?];
    // The first figure in the target's unit (「第２期の実績は累計27人」: not the 2 of 第２期).
    // (The figure's unit is read as the text after its number: the pattern alone takes none.)
    let in_unit = |c: &regex::Captures| c.get(1).is_some_and(|n| inside[n.end()..].starts_with(unit));
    if unit.is_empty() {
        return None;
    }
    let first = ANY_FIGURE.captures_iter(inside).find(|c| !is_year(c, inside) && in_unit(c))?;
    let mut v = value::parse(&format!("{}{unit}", &first[1]), line)?;
    v.year = value::years_in(&inside[..first.get(0)?.start()]).into_iter().last();
    Some(v)
}

/// The figure the sentence before states about the same thing, in the same unit: 「事故は令和5年度
/// に14件ありました。…事故の件数を年間5件以下に削減します。」 — one figure only, and a word
/// of two letters shared with the topic.
fn stated_before(previous: &str, topic: &str, unit: &str, line: usize) -> Option<Value> {
    // Figures in the same unit, whatever its multiplier (「98億4,000万円」 before 「90億円以下」);
    // one in another unit beside it (「（標準財政規模の約16％）」) says something else. The unit
    // is read from the text after the number (the pattern's is lazy: with nothing after it to
    // reach, it takes none).
    let multiplier = |c: char| "万億千百".contains(c);
    let family = unit.trim_start_matches(multiplier);
    let unit_of = |c: &regex::Captures| -> Option<String> {
        let after = &previous[c.get(1)?.end()..];
        let rest = after.trim_start_matches(multiplier);
        let own = format!("{}{family}", &after[..after.len() - rest.len()]);
        (!family.is_empty() && rest.starts_with(family)).then_some(own)
    };
    let figures: Vec<(regex::Captures, String)> = ANY_FIGURE
        .captures_iter(previous)
        .filter(|c| !is_year(c, previous))
        .filter_map(|c| unit_of(&c).map(|u| (c, u)))
        .collect();
    // Of several (「…排出量は548gでした（…県平均は521g）」), the one the topic is said to be.
    let said = |c: &regex::Captures| {
        let Some(number) = c.get(1) else { return false };
        // (The whole subject: not 「人口千人当たりの職員数は」 for 職員数.)
        let whole = |at: usize| {
            let lead = last_clause(&previous[..at]).trim_start().trim_start_matches('「');
            lead.is_empty() || DATED.find(lead).is_some_and(|m| m.end() == lead.len())
        };
        previous.match_indices(topic).any(|(at, _)| {
            whole(at)
                && at + topic.len() <= number.start()
                && matches!(previous[at + topic.len()..number.start()].trim_end_matches('、'), "は" | "が")
        })
    };
    let (only, own_unit) = match figures.as_slice() {
        [one] => one,
        several => several.iter().find(|(c, _)| said(c))?,
    };
    let chars: Vec<char> = topic.chars().collect();
    let shared = chars.windows(2).any(|w| previous.contains(&w.iter().collect::<String>()));
    let number = only.get(1)?;
    // 「前計画で目標とした50%に届いていません」: an aim of the past, not where things stand.
    let aimed = ["目標とした", "目標としていた", "目指した", "めざした", "目標の", "目標値の"];
    let before = &previous[..only.get(0)?.start()];
    if aimed.iter().any(|w| before.ends_with(w)) {
        return None;
    }
    // 「人口千人当たりの職員数は12.3人です」: a rate of the topic, not the topic's figure.
    let per = |t: &str| t.contains("当たり") || t.contains("あたり");
    if per(last_clause(before)) && !per(topic) {
        return None;
    }
    if !shared {
        return None;
    }
    value::parse(&format!("{}{own_unit}", number.as_str()), line)
}

/// Whether a sentence is about another body than the plan's: it opens with the prefecture or
/// the nation as its subject (「県の…計画は」「国は」「全国の」) and never names the plan's own.
fn of_another_body(sentence: &str) -> bool {
    const OTHER: &[&str] = &["県の", "県は", "県では", "国の", "国は", "国では", "全国"];
    const OWN: &[&str] = &["本市", "本町", "本村", "市は", "町は", "村は", "本計画"];
    let lead = sentence.trim_start_matches(|c: char| c.is_whitespace() || "・「(".contains(c));
    // 本計画 inside 「スポーツ基本計画」 is the other body's plan, not this one.
    let own = |w: &str| {
        sentence.match_indices(w).any(|(at, _)| {
            !w.starts_with('本') || !sentence[..at].chars().next_back().is_some_and(super::normalize::is_kanji)
        })
    };
    OTHER.iter().any(|w| lead.starts_with(w)) && !OWN.iter().any(|w| own(w))
}

/// Longest verb that closes the clause of its object (「進め」「図り」「活用し」).
const MAX_VERB: usize = 6;

/// The topic: the text before the last を/は, after the last 、 of that clause.
fn topic(segment: &str) -> Option<String> {
    // 「令和10年には」「本計画では」: は after に or で marks a time or a place, not the topic.
    let ends: Vec<regex::Match> = TOPIC_END
        .find_iter(segment)
        .filter(|m| !(m.as_str().starts_with('は') && segment[..m.start()].ends_with(['に', 'で'])))
        .collect();
    let mut end = *ends.last()?;
    // 「歳出の見直しを進め、令和12年度決算で90.0％以下に抑えます」: an object whose verb follows it
    // and ends its clause (進め、) is that verb's, not what the figure is of; so is one of a verb
    // in て right before the figure (「計画期間を通じて7.0億円以上を確保します」). The figure is
    // then of the sentence's topic before it (「年間の利用者数は、…使いやすさを高めて、…」), if any.
    let after = &segment[end.end()..];
    let (verb, closed) = after.split_once(['、', ',']).map_or((after, false), |(verb, _)| (verb, true));
    let continuative = verb.ends_with(['め', 'し', 'り', 'き', 'げ', 'え', 'せ', 'ぎ', 'び', 'み', 'ち', 'い', 'け']);
    let verb_ends = verb.ends_with('て') || closed && continuative;
    if verb_ends && !verb.contains(value::is_numeric) && verb.chars().count() <= MAX_VERB {
        end = *ends.iter().rev().find(|m| m.start() < end.start() && m.as_str().starts_with('は'))?;
    }
    let before = &segment[..end.start()];
    let clause = last_clause(before);
    let clause = clause
        .trim_start_matches(['・', ' ', '「', '-', '○', '●', '◎', '◆', '◇', '■', '□'])
        .trim_start_matches("また")
        .trim();
    // (Not the 「 of a quote the name goes on after: 「「この１年間に…触れた」町民の割合」.)
    let requoted;
    let clause = if clause.contains('」') && !clause.contains('「') {
        requoted = format!("「{clause}");
        requoted.as_str()
    } else {
        clause
    };
    // 「令和11年度決算において経常収支比率を…」: the time said before the topic is none of it.
    let clause = ["において", "までに", "には"]
        .iter()
        .filter_map(|w| clause.find(w).map(|at| (at, at + w.len())))
        .find(|(at, _)| !value::years_in(&clause[..*at]).is_empty())
        .map_or(clause, |(_, end)| &clause[end..]);
    // 「本町は…令和12年に7,000人程度を維持することを目指します」: the municipality itself names
    // no indicator.
    const ITSELF: [&str; 6] = ["本市", "本町", "本村", "当市", "当町", "当村"];
    // (A bracket closing the topic, a figure or a note on it, is no length of its name.)
    let named = clause.strip_suffix(')').and_then(|t| t.rsplit_once('(')).map_or(clause, |(name, _)| name);
    let n = named.chars().count();
    ((2..=MAX_TOPIC).contains(&n) && !value::looks_like_value(clause) && !ITSELF.contains(&clause))
        .then(|| clause.to_string())
}

/// The noun written right before a figure, with no particle between (「令和16年の人口」 →
/// 「人口」, 「年間来場者数」): the words after the last particle or punctuation of the text.
fn glued_noun(segment: &str) -> Option<String> {
    // 「…に延べ1,500人とすることを目指します」: 延べ belongs to the figure, no noun.
    let segment = FIGURE_PREFIXES.iter().fold(segment, |s, p| s.strip_suffix(p).unwrap_or(s));
    let tail = segment
        .rsplit(['、', '。', ',', 'は', 'を', 'に', 'で', 'が', 'の', 'と', 'も', '「', '」', '(', ')', ' '])
        .next()?;
    let n = tail.chars().count();
    let noun = !tail.ends_with(|c: char| c.is_ascii_digit()) && !value::looks_like_value(tail);
    ((2..=MAX_TOPIC).contains(&n) && noun).then(|| tail.to_string())
}

/// The noun right before a baseline with no particle between, a bracket that qualifies it
/// left out: 「合計特殊出生率（平成30年～令和４年の平均）1.38を、…1.50に高めます」.
fn glued_to_baseline(text: &str) -> Option<String> {
    let text = text.trim_end();
    let text = match text.strip_suffix(')') {
        Some(open) => open.rsplit_once('(').map_or(text, |(name, _)| name),
        None => text,
    };
    // (The whole clause: not 「令和９年度に北出張所へ救急隊」, a noun after words of place and time.)
    let clause = last_clause(text).trim();
    glued_noun(clause).filter(|noun| noun == clause)
}

/// What a sentence states a figure of: the words before the は ahead of its first figure
/// (「…では、地域の見守り活動に参加している市民の割合は15.2%でした。」).
fn antecedent(sentence: &str) -> Option<String> {
    let first = ANY_FIGURE.captures_iter(sentence).find(|c| !is_year(c, sentence))?.get(0)?.start();
    let before = &sentence[..first];
    let subject = before.match_indices('は').rfind(|(at, _)| !before[..*at].ends_with('で')).map(|(at, _)| at);
    // 「…では、公共施設の延床面積を平成27年度の34.2万m2から…縮減する」: with no subject, the
    // object right before the figure (a date between them at most).
    let object = || {
        let (at, _) = before.rmatch_indices('を').next()?;
        let between = &before[at + 'を'.len_utf8()..];
        (between.is_empty() || DATED.find(between).is_some_and(|m| m.end() == between.len())).then_some(at)
    };
    let at = subject.or_else(object)?;
    let clause = last_clause(&before[..at]).trim();
    // 「令和６年度の市民１人…排出量は」: the year the figure is of, no part of its name.
    let clause = DATED.find(clause).map_or(clause, |m| &clause[m.end()..]);
    let n = clause.chars().count();
    ((2..=MAX_TOPIC).contains(&n) && !value::looks_like_value(clause)).then(|| clause.to_string())
}

/// The text after the last 、, 。 or comma that ends a clause: not one inside brackets
/// (「想定死者数（約2,300人、うち津波によるもの約2,050人）」), nor a comma between digits.
fn last_clause(text: &str) -> &str {
    let mut depth = 0usize;
    let mut start = 0;
    let mut before: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '(' | '（' | '「' => depth += 1,
            ')' | '）' | '」' => depth = depth.saturating_sub(1),
            '、' | '。' if depth == 0 => start = at + c.len_utf8(),
            ',' if depth == 0 => {
                let digits =
                    before.is_some_and(|b| b.is_ascii_digit()) && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
                if !digits {
                    start = at + 1;
                }
            }
            _ => {}
        }
        before = Some(c);
    }
    if depth > 0 {
        // A bracket left open: every mark ends a clause.
        return text.rsplit(['、', '。', ',']).next().unwrap_or(text);
    }
    &text[start..]
}

/// The sentences of a text, each with its 。: a 。 inside brackets (「（資源物を除く。県平均は
/// 521ｇ）」) ends no sentence, unless a bracket is left open.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (at, c) in text.char_indices() {
        match c {
            '(' | '（' | '「' => depth += 1,
            ')' | '）' | '」' => depth = depth.saturating_sub(1),
            '。' if depth == 0 => {
                out.push(&text[start..at + c.len_utf8()]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    if depth > 0 {
        // A bracket left open (wrapped away, or a slip): every 。 ends a sentence.
        return text.split_inclusive('。').collect();
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Whether a line is the caption of a chart or a figure: 図 and its number (or a colon) at its
/// head, in brackets or not (「〔図3　…〕」「図2-1 …」「図：…」), or グラフ.
pub fn is_caption(text: &str) -> bool {
    let head = text.trim_start().trim_start_matches(['〔', '【', '[', '(', '<', '《', '≪', ' ']);
    let Some(rest) = head.strip_prefix('図').or_else(|| head.strip_prefix("グラフ")) else { return false };
    rest.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == ':' || c == '-')
}

/// What 「この割合」 names when the sentence before states no figure of it: that sentence's
/// subject (before its は) ending in the same noun (「相談相手がいないと答えた人の割合は前回より
/// 増えています。この割合を15%以下に…」). 「これ」 names no noun, and gets none.
fn named_subject(previous: &str, demonstrative: &str) -> Option<String> {
    let noun = demonstrative.strip_prefix("この").or_else(|| demonstrative.strip_prefix("その"))?;
    if noun.chars().count() < 1 {
        return None;
    }
    let (at, _) = previous.match_indices('は').find(|(at, _)| previous[..*at].ends_with(noun))?;
    let clause = last_clause(&previous[..at]).trim();
    let n = clause.chars().count();
    (n > noun.chars().count() && n <= MAX_TOPIC && !value::looks_like_value(clause)).then(|| clause.to_string())
}

/// The target year of a sentence: the year before までに, or the last year it names.
fn add_years(target: &mut Option<Value>, sentence: &str) {
    let Some(v) = target.as_mut() else { return };
    let years = match sentence.find("までに") {
        Some(at) => value::years_in(&sentence[..at]),
        None => Vec::new(),
    };
    v.year = years.last().cloned();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let doc = Doc::from_text(text);
        let fig = |v: &Option<Value>| v.as_ref().and_then(|v| v.figure.clone());
        targets(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => Some((i.name.clone(), fig(&i.baseline), fig(&i.target))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn this_names_the_figure_before_it_across_a_bracketed_note_and_a_line_break() {
        // The 。 inside the bracket ends no sentence; the one before 「これを」 was broken over
        // the line; 「1人1日当たり」 is the basis of a rate, no figure stated.
        let rows = read(
            "\u{3000}令和６年度の市民１人１日当たりの家庭系ごみ排出量は548ｇでした（資源物を除く。県平均\nは521ｇ）。これを令和12年度までに505ｇに減らします。",
        );
        let s = |v: &str| Some(v.to_string());
        assert_eq!(rows, [("市民1人1日当たりの家庭系ごみ排出量".to_string(), s("548"), s("505"))]);
        // A date before the name says when (「令和12年４月１日の職員数」); the sentence before names
        // it in full, and its figure is the baseline (not a rate of it per 1,000 people).
        let rows = read("普通会計の職員数は、令和７年４月１日で64人です。令和12年４月１日の職員数を61人とします。");
        assert_eq!(rows, [("普通会計の職員数".to_string(), s("64"), s("61"))]);
        let rows = read("人口千人当たりの職員数は12.3人です。令和12年４月１日の職員数を143人とします。");
        assert_eq!(rows, [("職員数".to_string(), None, s("143"))]);
        // Targets coordinated with the first verb left out, over lines broken after commas; a
        // figure right before 確保; a bracket of the whole and its part after the name.
        let rows = read("　おおむね10年後に、\n主たる従事者１人当たりの年間農業所得を450万円程度、\n年間労働時間を2,000時間程度とすることを目標とします。");
        let names: Vec<(&str, Option<&str>)> = rows.iter().map(|r| (r.0.as_str(), r.2.as_deref())).collect();
        assert_eq!(names, [("主たる従事者1人当たりの年間農業所得", Some("450")), ("年間労働時間", Some("2,000"))]);
        let rows = read("　新たに農業経営を営もうとする青年等を、年間４人（10年間で40人）確保することを目指します。");
        assert_eq!(rows, [("新たに農業経営を営もうとする青年等".to_string(), None, s("4"))]);
        let rows = read("　レベル２の地震による町内の想定死者数（約2,300人、うち津波によるもの約2,050人）\nを、令和14年度までに約460人以下に減らします（８割減）。");
        assert_eq!(rows, [("レベル2の地震による町内の想定死者数".to_string(), s("2,300"), s("460"))]);
        // A counter spelt with か (か所, か月) is a unit, not the から after a figure.
        let rows = read("・公民館の拠点回収ボックスを、12か所から20か所に増やします（ごみ対策課）");
        assert_eq!(rows, [("公民館の拠点回収ボックス".to_string(), s("12"), s("20"))]);
        // A volume per day (「㎥／日」), the sentence broken inside the unit.
        let rows = read("　契約率の目標に向けて、市の産業団地への企業の誘致と合わせて、契約水量を現在の31,200㎥\n／日から、令和17年度に36,000㎥／日に増やします。");
        assert_eq!(rows, [("契約水量".to_string(), s("31,200"), s("36,000"))]);
    }

    #[test]
    fn targets_in_the_forms_plans_state_them() {
        let s = |v: &str| Some(v.to_string());
        let row = |name: &str, base: Option<String>, target: &str| (name.to_string(), base, s(target));
        // Coordinated before the one verb; a baseline set against the target (に対し).
        let got = read("経常収支比率を令和６年度の94.6％から令和11年度に92.0％以下に、実質公債費比率を9.8％から8.5％以下に下げることを目標とします。財政調整基金の残高は、令和４年度末の7.8億円に対し、令和10年度末で6.0億円以上を保ちます。");
        assert_eq!(
            got,
            [
                row("経常収支比率", s("94.6"), "92.0"),
                row("実質公債費比率", s("9.8"), "8.5"),
                row("財政調整基金の残高", s("7.8"), "6.0")
            ]
        );
        // 「…とする目標です」, an object kept (「保つことを目標とします」), a verb of widening.
        let got = read("普通会計の職員数を、令和５年４月１日の162人から、令和10年４月１日に152人とする目標です。源泉の湧出量は、毎分合計1,840リットル以上を保つことを目標とします。わさびの栽培面積は現在の2.4haを令和12年度に3.5haに広げます。");
        assert_eq!(
            got,
            [
                row("普通会計の職員数", s("162"), "152"),
                row("源泉の湧出量", None, "1,840"),
                row("わさびの栽培面積", s("2.4"), "3.5")
            ]
        );
        // What the target is; a bracket between the topic and its baseline; minus figures; m3.
        let got = read("大綱の効果額の目標は５年間の累計で５億円です。合計特殊出生率（平成30年～令和４年の平均）1.38を、令和11年に1.50に高めます。社会増減（令和５年 －74人）を令和11年に－30人まで縮めることをめざします。出荷量は1,240㎥を1,800㎥にします。");
        assert_eq!(
            got,
            [
                row("大綱の効果額", None, "5"),
                row("合計特殊出生率", s("1.38"), "1.50"),
                row("社会増減", s("-74"), "-30"),
                row("出荷量", s("1,240"), "1,800")
            ]
        );
        // A second topic said with も after the first target's sentence.
        let got = read("市全体の調達額を15,000千円以上とすることを目標とします。調達件数も、令和６年度の186件から200件以上にすることを目指します。");
        assert_eq!(got, [row("市全体の調達額", None, "15,000"), row("調達件数", s("186"), "200")]);
    }

    #[test]
    fn a_name_that_opens_with_a_quote_keeps_its_opening_mark() {
        let rows = read("　このほか、「この１年間に文化芸術に触れた」町民の割合を、令和15年度までに34.7％から45.0％に引き上げます。");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, "「この1年間に文化芸術に触れた」町民の割合");
    }

    #[test]
    fn aims_of_the_past_and_of_others_are_no_targets() {
        // 「…とする目標でした」, 「…目指しています」 (another plan's aim told), another body's target.
        assert!(read("※第５次計画では、令和７年４月１日の職員数を155人とする目標でした。").is_empty());
        assert!(read("人口ビジョンでは、令和42年に人口40,000人程度を維持することを目指しています。").is_empty());
        assert!(read("※国が示す市町村国保の目標は60％です。").is_empty());
        assert!(read("※創業者数の前計画（令和３～７年度）の目標は年間50人です。").is_empty());
        // Nor the municipality itself, nor a noun after words of place (「北出張所へ救急隊１隊を」).
        let got = read("本町は各種施策により令和12年に7,000人程度を維持することを目指します。");
        assert!(got.iter().all(|(name, _, _)| name != "本町"), "{got:?}");
        assert!(read("令和９年度に北出張所へ救急隊１隊を増隊し、救急自動車を７台体制とします。")
            .iter()
            .all(|(n, _, _)| !n.contains("救急隊")));
        // A dash between numbers is no minus.
        let dashed = ANY_FIGURE.captures_iter("施策1-2").nth(1).expect("the dash and the 2 match a figure");
        assert_eq!(&dashed[1], "-2");
        assert!(is_year(&dashed, "施策1-2"));
    }

    #[test]
    fn an_object_of_another_verb_is_not_what_the_figure_is_of() {
        let s = |v: &str| Some(v.to_string());
        // The verb closes its object's clause (進め、): the figure is of the sentence before.
        let got = read("経常収支比率は令和６年度決算で92.4％と、前年度より1.6ポイント上がりました。歳出の見直しを進め、令和12年度決算で90.0％以下に抑えます。");
        assert_eq!(got, [("経常収支比率".to_string(), s("92.4"), s("90.0"))]);
        // A verb in て right before the figure (計画期間を通じて).
        let got = read("財政調整基金の残高は令和６年度末で9.6億円です。災害への備えとして、計画期間を通じて7.0億円以上を確保します。");
        assert_eq!(got, [("財政調整基金の残高".to_string(), s("9.6"), s("7.0"))]);
        // The topic said before the verb's object, in the same sentence.
        let got = read("　年間の利用者数は、施設を減らしても使いやすさを高めて、令和６年度の延べ523,000人から令和17年度に延べ600,000人に増やします。");
        assert_eq!(got, [("年間の利用者数".to_string(), s("523,000"), s("600,000"))]);
        // The present figure in dated brackets after the topic; a figure kept (保ちます).
        let got = read("財政調整基金の残高（令和６年度末13.9億円）は、計画期間を通じて10億円以上を保ちます。");
        assert_eq!(got, [("財政調整基金の残高".to_string(), s("13.9"), s("10"))]);
        // An object with its figure after a comma is the figure's.
        let got = read("ごみの排出量を、令和12年度までに460gに減らします。");
        assert_eq!(got, [("ごみの排出量".to_string(), None, s("460"))]);
    }

    #[test]
    fn figures_alone_on_a_line_under_their_name() {
        let doc = Doc::from_text(
            "【数値目標】\n　合計特殊出生率\n　　1.44（平成30年～令和４年）　⇒　1.55（令和７年～11年）\n　　※国の希望出生率は1.8です。",
        );
        let got: Vec<(String, Option<String>, Option<String>)> = arrows(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => {
                    Some((i.name.clone(), i.baseline.and_then(|v| v.figure), i.target.and_then(|v| v.figure)))
                }
                _ => None,
            })
            .collect();
        assert_eq!(got, [("合計特殊出生率".to_string(), Some("1.44".to_string()), Some("1.55".to_string()))]);
    }

    #[test]
    fn an_evaluation_of_a_past_target_is_no_row_and_a_label_is_no_name() {
        let doc = Doc::from_text(
            "・健診受診率　　目標 50.0％　→　実績 39.8％（Ｒ４）\n　指標：未受診者への通知率　90％（R4）→ 100％（R11）",
        );
        let got: Vec<(String, Option<String>)> = arrows(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => Some((i.name.clone(), i.target.and_then(|v| v.figure))),
                _ => None,
            })
            .collect();
        assert_eq!(got, [("未受診者への通知率".to_string(), Some("100".to_string()))]);
    }

    #[test]
    fn sums_of_money_continued_from_the_sentence_before() {
        // The target sentence names no topic: the sentence before states the figure of it, in
        // the same unit with another multiplier, beside a figure in another unit.
        let rows = read(concat!(
            "　また、財政調整基金の残高は令和５年度末で8億7,200万円（標準財政規模の約16％）です。令和11年\n",
            "度末においても７億円以上を確保します。\n",
            "　町債残高は令和５年度末で98億4,000万円です。令和11年度末までに90億円以下に減らします。\n",
            "　本計画では、令和11年度決算において経常収支比率を91.0％以下に抑えることを目標とします。",
        ));
        let got: Vec<(&str, Option<&str>, Option<&str>)> =
            rows.iter().map(|(n, b, t)| (n.as_str(), b.as_deref(), t.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("財政調整基金の残高", Some("8億7,200"), Some("7")),
                ("町債残高", Some("98億4,000"), Some("90")),
                ("経常収支比率", None, Some("91.0")),
            ]
        );
        // A figure kept, not aimed at: no target.
        assert!(read("基金の残高は７億円以上を確保しています。").is_empty());
    }

    #[test]
    fn a_target_up_to_a_figure_in_the_plain_form_of_its_verb() {
        let rows = read("道の駅の年間来場者数は、令和５年度に４２万人でした。これを、令和１１年度には５０万人まで増やすことをめざします。");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].0, "道の駅の年間来場者数");
        assert_eq!((rows[0].1.as_deref(), rows[0].2.as_deref()), (Some("42"), Some("50")));
    }

    #[test]
    fn a_target_that_takes_its_name_from_the_sentence_before_quotes_and_cites_it() {
        // The sentence before runs over two lines; the target's own sentence names only 「これ」.
        let text = "分野３　水害\n\
                    \u{3000}市内の土砂災害警戒区域は214か所です。区域内の住民が参加する避難\n\
                    訓練を行った区域は、令和６年度末で累計38か所でした。これを令和10年度末までに累計120か所と\n\
                    します。";
        let stated = targets(&Doc::from_text(text), &Vocabulary::built_in());
        assert_eq!(stated.len(), 1, "{:?}", stated.iter().map(|s| &s.sentence).collect::<Vec<_>>());
        assert_eq!((stated[0].line, stated[0].line_end), (2, 4));
        assert!(
            stated[0].sentence.starts_with("区域内の住民が参加する避難訓練を行った区域は"),
            "{}",
            stated[0].sentence
        );
        assert!(stated[0].sentence.ends_with("累計120か所とします。"), "{}", stated[0].sentence);
        // A target that names its own topic is quoted alone.
        let stated = targets(
            &Doc::from_text("図書館の利用者は増えています。年間貸出冊数を令和12年度までに50万冊に増やします。"),
            &Vocabulary::built_in(),
        );
        assert_eq!(stated.len(), 1);
        assert!(stated[0].sentence.starts_with("年間貸出冊数を"), "{}", stated[0].sentence);
    }

    #[test]
    fn targets_said_as_aims_intents_and_continuations() {
        let rows = read(
            "町の窓口をとおして町に移り住んだ人は、いま年間18人です。五年後には年間30人にふやします。\n\
             空き家バンクに登録した物件は、いま累計42件ですが、五年後には累計80件をめざします。\n\
             ボランティア登録者数を、令和11年度に1,200人とすることを目指します。\n\
             ごみの排出量は現在1人1日850gですが、これを800gまで減らします。\n\
             公園の清掃活動に参加した人は今300人です。これを5年後に500人にしたいと考えています。\n\
             町では、子育て世帯の移住を進めて、令和16年の人口11,000人をめざします。\n\
             総合管理計画では、公共施設の延床面積を平成27年度の34.2万m2から30%縮減することとしています。本計画の期間では、令和6年度末の33.6万m2を、令和12年度末までに32.0万m2以下にします。",
        );
        let got: Vec<(&str, Option<&str>, Option<&str>)> =
            rows.iter().map(|(n, b, t)| (n.as_str(), b.as_deref(), t.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("町の窓口をとおして町に移り住んだ人", Some("18"), Some("30")),
                ("空き家バンクに登録した物件", Some("42"), Some("80")),
                ("ボランティア登録者数", None, Some("1,200")),
                ("ごみの排出量", None, Some("800")),
                ("公園の清掃活動に参加した人", Some("300"), Some("500")),
                ("人口", None, Some("11,000")),
                // With no subject, the object of the sentence before names the figure.
                ("公共施設の延床面積", Some("33.6"), Some("32.0")),
            ]
        );
    }

    #[test]
    fn dates_spans_and_a_sentence_with_no_topic_of_its_own_are_no_targets() {
        let rows = read(
            "この計画は、令和３年４月１日から令和８年３月３１日までの５箇年間とします。\n\
             目標の基準日は令和12年4月1日とします。\n\
             五年後には年間30人にふやします。\n\
             農業の担い手は高齢化しています。五年後には年間30件にふやします。\n\
             100%を目指してきましたが、達成できませんでした。",
        );
        assert!(rows.is_empty(), "{rows:?}");
    }

    #[test]
    fn another_bodys_target_is_none_of_the_plans() {
        let rows = read(
            "県の振興計画は、県全体の観光客数を令和10年に900万人とすることを目標としています。\n             国は、令和12年までに温室効果ガスを46%削減することを目標としています。\n             国の目標を踏まえ、本町は観光客数を令和11年度に30万人に増やします。",
        );
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].2.as_deref(), Some("30"));
        // The nation's plan and the prefecture's target on one line, the plan's own words after.
        let rows = read(
            "\u{3000}国の第２期健康づくり基本計画は、成人の喫煙率を12％とすることを目標としています。県計画の目標は15％（2027年度）であり、本町は県と同じ水準をめざします。",
        );
        assert!(rows.iter().all(|r| r.2.as_deref() != Some("12")), "{rows:?}");
    }

    #[test]
    fn a_sentence_with_no_subject_is_about_the_heading_above_it() {
        let rows = read(
            "第３章　削減目標\n\
             目標１　家庭系ごみ排出量（市民１人１日当たり）\n\
             \u{3000}令和２年度の520ｇから、令和12年度までに460ｇに削減します。令和５年度は500ｇでした。\n\
             \n\
             目標２　事業系ごみ排出量\n\
             \u{3000}令和２年度の18,600トンから、令和12年度までに15,000トンに削減します。\n\
             まとめ\n\
             \u{3000}本文の説明です。令和12年度までに30件に増やします。",
        );
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0], ("家庭系ごみ排出量(市民1人1日当たり)".to_string(), Some("520".into()), Some("460".into())));
        assert_eq!(rows[1].0, "事業系ごみ排出量");
    }

    #[test]
    fn a_sentence_broken_at_the_end_of_its_line() {
        let doc = Doc::from_text("また、町は計画に基づき、町営住宅の耐震化率を令和５年度の７８％から令和１０年度までに\n９０％にします。次の章で述べます。\n第２章　住まい");
        let got = targets(&doc, &Vocabulary::built_in());
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].line, got[0].line_end), (1, 2));
        let Body::Indicator(i) = &got[0].body else { panic!() };
        assert_eq!(i.name, "町営住宅の耐震化率");
        assert_eq!(i.target.as_ref().and_then(|t| t.figure.as_deref()), Some("90"));
        assert_eq!(i.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2028);
    }

    #[test]
    fn a_target_of_this_figure_names_what_the_sentence_before_was_about() {
        let rows = read("令和５年度の調査では、公園の清掃に参加した市民の割合は２２．５％でした。本計画では、この割合を令和１１年度に３０％に高めます。");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].0, "公園の清掃に参加した市民の割合");
        assert_eq!(rows[0].2.as_deref(), Some("30"));
    }

    #[test]
    fn a_state_aimed_at_with_its_figure_in_brackets_is_the_target_of_the_figure_before() {
        // The line breaks mid-sentence after a sentence that ended on it.
        let rows = read("　消防団の充足率は令和５年度末で82.0％です。令和11年度までに全ての分団での定員確保（100％）\nを目指します。");
        assert_eq!(rows, [("消防団の充足率".to_string(), Some("82.0".to_string()), Some("100".to_string()))]);
        // Without a figure before in its unit, the state (確保) names no indicator.
        assert!(read("全ての分団での定員確保（100％）を目指します。").is_empty());
    }

    #[test]
    fn a_figure_of_what_is_aimed_at_is_the_target_of_the_figure_before() {
        let rows = read("　管理計画の認定を受けたマンションは４棟です。令和16年度までに累計40棟の認定を目指します。");
        assert_eq!(
            rows,
            [("管理計画の認定を受けたマンション".to_string(), Some("4".to_string()), Some("40".to_string()))]
        );
    }

    #[test]
    fn a_figure_in_brackets_after_the_topic_is_its_baseline() {
        let rows = read("　管理の状況を確認できないマンション（９棟）を、令和16年度までに０棟とします。");
        assert_eq!(
            rows,
            [("管理の状況を確認できないマンション".to_string(), Some("9".to_string()), Some("0".to_string()))]
        );
    }

    #[test]
    fn an_aim_of_the_past_is_no_target() {
        assert!(read("第二次計画では、ＤＶの相談窓口を知っている市民の割合を50パーセントにすることを目標としたが、令和６年度は32.6パーセントにとどまった。").is_empty());
    }

    #[test]
    fn the_baseline_in_brackets_after_the_verb() {
        let rows = read("　◎市民農園の利用区画数を、令和11年度に120区画にします（令和５年度 84区画）。\n　・下水道の接続率を令和11年度末までに90.0％以上とします（令和５年度末 81.2％、県平均 85.0％）。");
        let got: Vec<(&str, Option<&str>, Option<&str>)> =
            rows.iter().map(|(n, b, t)| (n.as_str(), b.as_deref(), t.as_deref())).collect();
        assert_eq!(
            got,
            [("市民農園の利用区画数", Some("84"), Some("120")), ("下水道の接続率", Some("81.2"), Some("90.0"))]
        );
        // A target said with と and no に (「…決算で90.0％以下とします」) is read too; a bracket
        // between it and its verb that dates nothing says it again in another span, no baseline.
        let rows = read(
            "経常収支比率を、令和10年度決算で90.0％以下とします。\n保険料基準額は月額6,300円（年額75,600円）とします。",
        );
        let got: Vec<(&str, Option<&str>, Option<&str>)> =
            rows.iter().map(|(n, b, t)| (n.as_str(), b.as_deref(), t.as_deref())).collect();
        assert_eq!(got, [("経常収支比率", None, Some("90.0")), ("保険料基準額", None, Some("6,300"))]);
        // A bracket in another unit is no baseline.
        let rows = read("市民農園の利用区画数を、令和11年度に120区画にします（令和５年度 60％）。");
        assert_eq!(rows[0].1, None);
    }

    #[test]
    fn a_past_aim_in_the_sentence_before_is_no_present_value() {
        let rows = read("公園の清掃に参加した市民の割合は、前計画で目標とした40％に届いていません。この割合を50％まで高めることを目指します。");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!((rows[0].1.as_deref(), rows[0].2.as_deref()), (None, Some("50")));
    }

    #[test]
    fn this_share_names_the_subject_of_the_sentence_before_even_without_its_figure() {
        let rows = read("夜に相談できる相手がいないと答えた人の割合は前回の調査より増えています。交流会を開き、この割合を15％以下に減らすことを目指します。");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(
            (rows[0].0.as_str(), rows[0].2.as_deref()),
            ("夜に相談できる相手がいないと答えた人の割合", Some("15"))
        );
        // 「これ」 names nothing that sentence did not state a figure of.
        let rows = read("参加者は増えています。これを30人にします。");
        assert!(rows.iter().all(|r| r.0 != "参加者"), "{rows:?}");
    }

    #[test]
    fn a_chart_caption_with_an_arrow_is_no_target() {
        let doc = Doc::from_text("〔図5　相談相手がいない人の割合の推移　令和元年度 18.7％ → 令和６年度 22.5％〕\n図2-1 来館者数（令和元年 31万人 → 令和5年 28万人）\n図書館の来館者数　28万人 → 35万人");
        let got = arrows(&doc, &Vocabulary::built_in());
        assert_eq!(got.len(), 1, "{:?}", got.iter().map(|s| s.line).collect::<Vec<_>>());
        assert_eq!(got[0].line, 3);
        assert!(is_caption("図:人口の推移") && is_caption("【図3】満足度") && !is_caption("図書館の利用者数"));
    }

    #[test]
    fn a_chart_caption_above_a_target_sentence_gives_its_baseline() {
        let text = "〔図3　養育費の取決めをしている割合　取決めをしている 41.2％（うち文書あり 28.9％）〕\n\n〔図4　受け取っている割合　23.4％〕\n\n　養育費の取決めをしている割合を60％まで引き上げることを目指します。";
        let doc = Doc::from_text(text);
        let mut stated = targets(&doc, &Vocabulary::built_in());
        caption_baselines(&doc, &mut stated);
        let Body::Indicator(i) = &stated[0].body else { panic!() };
        assert_eq!(i.baseline.as_ref().and_then(|b| b.figure.as_deref()), Some("41.2"));
        assert_eq!(stated[0].line, 1);
        // The latest figure of a caption of a trend, years apart.
        let text = "図2-1 来館者数の推移（令和元年度 31万人 → 令和5年度 28万人）\n来館者数を35万人に増やします。";
        let doc = Doc::from_text(text);
        let mut stated = targets(&doc, &Vocabulary::built_in());
        caption_baselines(&doc, &mut stated);
        let Body::Indicator(i) = &stated[0].body else { panic!() };
        let b = i.baseline.as_ref().expect("a baseline");
        assert_eq!((b.figure.as_deref(), b.year.as_ref().map(|y| y.fiscal)), (Some("28"), Some(2023)));
        // A caption of another topic gives nothing.
        let doc = Doc::from_text("図1 人口の推移（令和元年 3万人 → 令和5年 2.8万人）\n来館者数を35万人に増やします。");
        let mut stated = targets(&doc, &Vocabulary::built_in());
        caption_baselines(&doc, &mut stated);
        let Body::Indicator(i) = &stated[0].body else { panic!() };
        assert!(i.baseline.is_none());
    }

    #[test]
    fn targets_in_sentences() {
        let got = read("令和１２年度までに、図書館の年間貸出冊数を現在の４５万冊から５０万冊に増やします。");
        assert_eq!(got, [("図書館の年間貸出冊数".to_string(), Some("45".into()), Some("50".into()))]);
        let got =
            read("週１回以上運動する成人の割合を、令和５年度の４８．６％から令和１２年度までに６５％以上にします。");
        assert_eq!(got[0], ("週1回以上運動する成人の割合".to_string(), Some("48.6".into()), Some("65".into())));
        let got = read("文化財の公開日数を年間９０日以上に拡大し、文化財ガイドの登録者を３０人にします。");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], ("文化財ガイドの登録者".to_string(), None, Some("30".into())));
        let got = read("市域の排出量は、令和１２年度までに平成２５年度比で４６％削減することを目指します。");
        assert_eq!(got[0], ("市域の排出量".to_string(), None, Some("46".into())));
        let got = read("駅前通りの空き区画率を２２．０％から１５％未満に下げます。");
        assert_eq!(got, [("駅前通りの空き区画率".to_string(), Some("22.0".into()), Some("15".into()))]);
        let got = read("ファミリー・サポートの会員数は、令和５年度の３１０人から令和１０年度に４００人とします。");
        assert_eq!(got, [("ファミリー・サポートの会員数".to_string(), Some("310".into()), Some("400".into()))]);
    }

    #[test]
    fn counts_and_periods_in_sentences() {
        let doc = Doc::from_text("本プランは、４つの基本方針と１４の施策で構成します。計画期間中の取組は１０項目です。\n本計画の期間は、令和６年度から令和９年度までの４年間とします。");
        let facts: Vec<String> = facts(&doc, &Vocabulary::built_in())
            .into_iter()
            .map(|s| match s.body {
                Body::Count(c) => format!("{} {}", c.label, c.value),
                Body::Plan(p) => format!("{} {}", p.name, p.period.unwrap_or_default()),
                _ => String::new(),
            })
            .collect();
        assert_eq!(facts, ["基本方針 4", "施策 14", "取組 10", "本計画 令和6年度〜令和9年度"]);
        // A period sentence broken at the end of its line is read whole, from the line it starts on.
        let doc = Doc::from_text(
            "　実施計画は、基本計画に掲げた施策を具体化する事業を示すものです。計画期間は令和７年度から\n令和９年度までの３年間です。\n",
        );
        let periods: Vec<(String, usize, usize)> = super::facts(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Plan(p) => Some((p.period.unwrap_or_default(), s.line, s.line_end)),
                _ => None,
            })
            .collect();
        assert_eq!(periods, [("令和7年度〜令和9年度".to_string(), 1, 2)]);
        let counts = |text: &str| -> Vec<String> {
            super::facts(&Doc::from_text(text), &Vocabulary::built_in())
                .into_iter()
                .filter_map(|s| match s.body {
                    Body::Count(c) => Some(format!("{} {}", c.label, c.value)),
                    _ => None,
                })
                .collect()
        };
        // A total without a counter after 全部で; a bare number with no such word is no count.
        assert_eq!(counts("各分野に成果指標を置きました。ＫＰＩは全部で３１です。重点指標は５です。"), ["KPI 31"]);
        assert_eq!(
            counts("この計画は２つの重点目標と９の推進項目、２２の事業項目からなります。"),
            ["推進項目 9", "事業項目 22"]
        );
        let doc = Doc::from_text("実施計画の４２の事業のうち、重点となる８つの事業を次に示します。");
        let counted: Vec<u32> = super::facts(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Count(c) => Some(c.value),
                _ => None,
            })
            .collect();
        assert_eq!(counted, [42]);
        let doc = Doc::from_text("令和５年度の町民調査で「満足」「やや満足」と答えた人の割合は、除雪が３１．５％、ごみ収集が７０．２％でした。");
        let shares: Vec<(String, Option<String>, i32)> = super::facts(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Satisfaction(s) => Some((s.item, s.value.figure, s.value.year.map_or(0, |y| y.fiscal))),
                _ => None,
            })
            .collect();
        assert_eq!(
            shares,
            [
                ("除雪".to_string(), Some("31.5".to_string()), 2023),
                ("ごみ収集".to_string(), Some("70.2".to_string()), 2023)
            ]
        );
        let doc =
            Doc::from_text("ごみ収集に対する市民満足度（令和５年度調査）は７２．４％で、前年度より上がりました。");
        let stated = super::facts(&doc, &Vocabulary::built_in());
        let Some(Body::Satisfaction(s)) = stated.first().map(|s| &s.body) else { panic!("no satisfaction") };
        assert_eq!((s.item.as_str(), s.value.figure.as_deref()), ("ごみ収集", Some("72.4")));
    }

    #[test]
    fn a_period_under_the_heading_that_says_whose_it_is() {
        let doc = Doc::from_text(
            "第１章　戦略の基本的事項\n1.2　戦略の期間\n　令和７年度（2025年度）から令和16年度（2034年度）までの10年間とします。\n1.3　対象地域\n　令和７年度から町全域とします。",
        );
        let plans: Vec<(String, Option<String>)> = facts(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Plan(p) => Some((p.name, p.period)),
                _ => None,
            })
            .collect();
        assert_eq!(plans, [("本戦略".to_string(), Some("令和7年度〜令和16年度".to_string()))]);
    }

    /// The plans (periods) the prose of `text` states.
    fn plans(text: &str) -> Vec<Plan> {
        facts(&Doc::from_text(text), &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Plan(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_period_is_not_named_after_another_bodys_plan_the_sentence_before_names() {
        let names = |text: &str| -> Vec<String> { plans(text).into_iter().map(|p| p.name).collect() };
        let text = "県の基本計画と連携し、第２期の計画を定めます。計画期間は、令和８年４月１日から令和13年３月31日までの５年間とします。";
        assert_eq!(names(text), ["計画"]);
        let text = "本市は新たに環境基本計画を定めます。計画期間は、令和８年度から令和12年度までとします。";
        assert_eq!(names(text), ["環境基本計画"]);
        // The bracket the period opens is no part of the name, and the edition is.
        let text = "この実施計画は、第４次鷹巣市行政改革大綱（計画期間：令和７年度～令和10年度の４年間）の基本方針に基づくものです。";
        assert_eq!(names(text), ["第4次鷹巣市行政改革大綱"]);
    }

    #[test]
    fn a_period_under_a_numbered_line_the_outline_took_for_no_section() {
        let periods = |text: &str| -> Vec<Option<String>> { plans(text).into_iter().map(|p| p.period).collect() };
        assert_eq!(
            periods("第１章　基本的な考え方\n２　計画期間\n　令和６年度から令和11年度までの６年間とする。"),
            [Some("令和6年度〜令和11年度".to_string())]
        );
        assert_eq!(
            periods("## 2 計画期間\n\n令和７年４月１日から令和12年３月31日までの５年間"),
            [Some("令和7年度〜令和11年度".to_string())]
        );
        // A line above about something else gives the sentence no subject, nor one whose
        // sentence names plans of its own.
        assert!(periods("２　前計画の実績\n　令和２年度から令和６年度までに218人が創業した。").is_empty());
        assert!(periods("１ 計画の期間\n障害者計画は令和６年度から令和11年度まで、障害福祉計画は令和８年度までです。")
            .is_empty());
    }

    #[test]
    fn a_span_of_years_before_the_word_period_it_is() {
        let text = "第１章　趣旨\n　この計画は、市内の緑を守るための計画で、令和７年度から2030年度までの６年間を期間とし、2027年度に見直します。";
        let periods: Vec<(String, Option<String>)> = plans(text).into_iter().map(|p| (p.name, p.period)).collect();
        assert_eq!(periods, [("計画".to_string(), Some("令和7年度〜2030年度".to_string()))]);
    }

    #[test]
    fn a_span_said_as_how_long_the_plan_runs() {
        // Broken over two lines; no word for a period.
        let text = "１　実施計画の概要\n　第５次行財政改革大綱に基づく実施計画の取組状況をまとめました。実施計画は大綱と同じ令和６年度から令和10年度までの５年間の\n計画で、全28項目の取組からなります。";
        let periods: Vec<(String, Option<String>)> = plans(text).into_iter().map(|p| (p.name, p.period)).collect();
        assert_eq!(periods, [("実施計画".to_string(), Some("令和6年度〜令和10年度".to_string()))]);
        // A span of something else is no plan's.
        assert!(plans("　令和６年度から令和10年度までの５年間の累計で、5億円の効果を見込みます。").is_empty());
    }

    #[test]
    fn a_period_written_as_a_label() {
        let doc = Doc::from_text(
            "第２次柚葉市文化振興計画\n計画期間　令和８年度（2026年度）～令和15年度（2033年度）\n計画期間中に中間評価を行います。\n期間　R3～R1\n計画期間：令和８年４月～令和16年３月",
        );
        let periods = |doc: &Doc| -> Vec<Option<String>> {
            facts(doc, &Vocabulary::built_in())
                .into_iter()
                .filter_map(|s| match s.body {
                    Body::Plan(p) => Some(p.period),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            periods(&doc),
            [Some("令和8年度〜令和15年度".to_string()), Some("令和8年度〜令和15年度".to_string())]
        );
        // 自 and 至 of a cover, the end on the line below.
        let doc =
            Doc::from_text("轡沢村森林整備計画\n計画期間　自　令和８年４月１日\n　　　　　至　令和18年３月31日\n");
        assert_eq!(periods(&doc), [Some("令和8年度〜令和17年度".to_string())]);
    }

    #[test]
    fn the_period_under_the_title() {
        let doc = Doc::from_text("白鷺村公共施設等総合管理計画\n（令和４年度～令和１３年度）\n白鷺村\n本文です。");
        let Some(Stated { line: 2, body: Body::Plan(p), .. }) = title_period(&doc) else { panic!() };
        assert_eq!(p.period.as_deref(), Some("令和4年度〜令和13年度"));
        assert_eq!(p.name, "白鷺村公共施設等総合管理計画");
        // In tortoise-shell brackets, each year with its western year.
        let doc = Doc::from_text(
            "樟原市中小企業振興基本計画
〔令和８年度（2026年度）～令和12年度（2030年度）〕
",
        );
        let Some(Stated { line: 2, body: Body::Plan(p), .. }) = title_period(&doc) else { panic!() };
        assert_eq!(p.period.as_deref(), Some("令和8年度〜令和12年度"));
        assert!(title_period(&Doc::from_text("計画\n本文\n本文\n本文\n(令和4年度~令和13年度)")).is_none());
        // Or closing the title's own line.
        let doc = Doc::from_text("第２次青葉市総合計画　後期基本計画（令和７年度～令和11年度）\n\n第３章");
        let Some(Stated { line: 1, body: Body::Plan(p), .. }) = title_period(&doc) else { panic!() };
        assert_eq!(
            (p.name.as_str(), p.period.as_deref()),
            ("第2次青葉市総合計画 後期基本計画", Some("令和7年度〜令和11年度"))
        );
        assert!(title_period(&Doc::from_text("第２次青葉市総合計画（案）\n\n第３章")).is_none());
        // Or closing a subtitle that names the plan under the title.
        let doc = Doc::from_text("栃ヶ瀬町第６次総合計画\n実施計画（令和８年度～令和10年度）\n\n令和７年12月");
        let Some(Stated { line: 2, body: Body::Plan(p), .. }) = title_period(&doc) else { panic!() };
        assert_eq!(
            (p.name.as_str(), p.period.as_deref()),
            ("栃ヶ瀬町第6次総合計画 実施計画", Some("令和8年度〜令和10年度"))
        );
        // Or on a line of its own between the title and the span.
        let doc = Doc::from_text("第４次蓆田町総合計画\n後期基本計画\n令和８年度～令和12年度\n\n蓆田町");
        let Some(Stated { line: 3, sentence, body: Body::Plan(p), .. }) = title_period(&doc) else { panic!() };
        assert_eq!(p.name, "第4次蓆田町総合計画 後期基本計画");
        assert_eq!(sentence, "第4次蓆田町総合計画 後期基本計画 令和8年度~令和12年度");
        // (A line between that names no plan is none of its name.)
        let doc = Doc::from_text("第４次蓆田町総合計画\n蓆田町\n令和８年度～令和12年度\n");
        let Some(Stated { body: Body::Plan(p), .. }) = title_period(&doc) else { panic!() };
        assert_eq!(p.name, "第4次蓆田町総合計画");
        // A long one is the plan's whole title, under a running header.
        let doc = Doc::from_text(
            "陽咲町後期基本計画　　　　基本目標２\n第５次陽咲町総合計画　後期基本計画（令和８年度～令和12年度）\n",
        );
        let Some(Stated { body: Body::Plan(p), .. }) = title_period(&doc) else { panic!() };
        assert_eq!(p.name, "第5次陽咲町総合計画 後期基本計画");
        // A line of text ending with a span in brackets is no subtitle.
        assert!(title_period(&Doc::from_text("白鷺村計画\n本文です（令和４年度～令和１３年度）")).is_none());
    }

    #[test]
    fn changes_shown_with_an_arrow() {
        let doc = Doc::from_text(
            "・窓口の平均待ち時間：現状値（令和４年度） ２５分 ⇒ 目標値（令和８年度） １５分\n令和５年度 → 令和９年度",
        );
        let got = arrows(&doc, &Vocabulary::built_in());
        assert_eq!(got.len(), 1);
        let Body::Indicator(i) = &got[0].body else { panic!() };
        assert_eq!(i.name, "窓口の平均待ち時間");
        assert_eq!(i.baseline.as_ref().unwrap().figure.as_deref(), Some("25"));
        assert_eq!(i.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2026);
        // The span a figure is counted over is no part of the name.
        let doc = Doc::from_text("　・空き店舗への出店数　基準値 ５年間で８件（令和元～５年度）→ 目標値 ５年間で15件");
        let got = arrows(&doc, &Vocabulary::built_in());
        let Body::Indicator(i) = &got[0].body else { panic!() };
        assert_eq!(i.name, "空き店舗への出店数");
        // A count written with 万 and 千 inside it is one figure, not a name's tail and a figure.
        let doc = Doc::from_text("　・町営スキー場の利用者数　２万6千人（令和６年度）→　３万5千人（令和12年度）");
        let got = arrows(&doc, &Vocabulary::built_in());
        let Body::Indicator(i) = &got[0].body else { panic!() };
        assert_eq!(i.name, "町営スキー場の利用者数");
        let (b, t) = (i.baseline.as_ref().unwrap(), i.target.as_ref().unwrap());
        assert_eq!((b.figure.as_deref(), b.unit.as_str(), b.number), (Some("2万6千"), "人", Some(26_000.0)));
        assert_eq!((t.figure.as_deref(), t.number), (Some("3万5千"), Some(35_000.0)));
    }

    #[test]
    fn figures_after_a_colon_under_their_name() {
        let doc = Doc::from_text(
            "　　KPI①　図書館の貸出冊数\n　　　：8.2万冊 → 9万冊\n　②　公用車の電動化率\n　　：令和５年度末１２％　→　令和１２年度末５０％\n・作成率　26.0％→倍増\n本文です。\n　：5人 → 6人",
        );
        let got = indicators(arrows(&doc, &Vocabulary::built_in()));
        let own = |s: &str| Some(s.to_string());
        assert_eq!(
            got,
            [
                (1, 2, "図書館の貸出冊数".to_string(), own("8.2"), own("9")),
                (3, 4, "公用車の電動化率".to_string(), own("12"), own("50")),
                (5, 5, "作成率".to_string(), own("26.0"), own("倍増")),
            ]
        );
    }

    #[test]
    fn numbered_targets_after_a_colon_with_their_baseline_in_brackets() {
        let text = [
            "　①公用車の台数",
            "　　：令和１０年度までに平成３０年度比で１５％削減",
            "　　（平成３０年度　１２０台／令和５年度末　１１２台）",
            "　②集会所の数",
            "　　：令和１０年度までに２０か所（令和５年度末　２６か所）",
            "　③売却による収入",
            "　　：令和７年度～令和１０年度の累計で３億円",
            "　④照明の更新率（延床面積ベース）",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let got = indicators(colon_targets(&doc, &Vocabulary::built_in()));
        let own = |s: &str| Some(s.to_string());
        assert_eq!(
            got,
            [
                (1, 3, "公用車の台数".to_string(), own("120"), own("15")),
                (4, 5, "集会所の数".to_string(), own("26"), own("20")),
                (6, 7, "売却による収入".to_string(), None, own("3")),
            ]
        );
    }

    #[test]
    fn a_baseline_in_brackets_between_the_target_and_its_verb() {
        let doc = Doc::from_text("　上水道：管路の更新を進め、基幹管路の耐震適合率を令和１１年度末に５５％（令和５年度末　３８．２％）とします。");
        let got = targets(&doc, &Vocabulary::built_in());
        let Some(Body::Indicator(i)) = got.first().map(|s| &s.body) else { panic!("no target read") };
        assert_eq!(i.name, "基幹管路の耐震適合率");
        assert_eq!(i.baseline.as_ref().and_then(|v| v.figure.as_deref()), Some("38.2"));
        assert_eq!(i.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2023);
        assert_eq!(i.target.as_ref().and_then(|v| v.figure.as_deref()), Some("55"));
        assert!(got[0].sentence.contains("38.2"), "the quote keeps the bracket");
        // A target said as a word: no figure, the baseline from the brackets after the verb.
        let doc = Doc::from_text(
            "　橋りょう：点検と予防保全により、修繕が必要な橋を令和１１年度までに解消します（令和５年度末　２３橋）。",
        );
        let got = targets(&doc, &Vocabulary::built_in());
        let Some(Body::Indicator(i)) = got.first().map(|s| &s.body) else { panic!("no target read") };
        assert_eq!(i.name, "修繕が必要な橋");
        assert_eq!(i.baseline.as_ref().and_then(|v| v.figure.as_deref()), Some("23"));
        assert!(i.target.as_ref().is_some_and(|v| v.figure.is_none()), "{:?}", i.target);
    }

    #[test]
    fn an_arrow_to_a_range_and_from_a_minus() {
        let doc = Doc::from_text(
            "・健康教室の利用率：４０％⇒５５～６０％\n・転入超過数：－８８人→０人\n施策1-2 公園の数 12か所→15か所",
        );
        let got: Vec<(String, Option<String>, Option<String>)> = arrows(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => {
                    Some((i.name, i.baseline.and_then(|v| v.figure), i.target.and_then(|v| v.figure)))
                }
                _ => None,
            })
            .collect();
        let row = |n: &str, b: &str, t: &str| (n.to_string(), Some(b.to_string()), Some(t.to_string()));
        assert_eq!(got[0], row("健康教室の利用率", "40", "55~60"));
        assert_eq!(got[1], row("転入超過数", "-88", "0"));
        let doc = Doc::from_text(
            "\t\t・放置自転車数：86台（R6）→ 30台以下（R11）\n\t\t・目標：加入率 68.2％ → 85％以上（R11）",
        );
        let rows: Vec<(String, String)> = arrows(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => Some((i.name.clone(), i.target.as_ref()?.display())),
                _ => None,
            })
            .collect();
        assert_eq!(
            rows,
            [("放置自転車数".to_string(), "30台以下".to_string()), ("加入率".to_string(), "85%以上".to_string())]
        );
        let doc = Doc::from_text("・社会増減数：▲３１２人→－１００人以上");
        let Body::Indicator(i) = &arrows(&doc, &Vocabulary::built_in())[0].body else { panic!() };
        assert_eq!(i.target.as_ref().and_then(|v| v.figure.as_deref()), Some("-100"));
        assert_eq!(got[2].1.as_deref(), Some("12"));
    }

    #[test]
    fn big_figures_with_their_name_on_the_line_below() {
        let doc = Doc::from_text(
            "■ ５年後にめざす姿\n\n　　　４２．３％　➡　３５％\n孤独を感じることがある市民の割合\n\n　　　１２か所　➡　３０か所\n令和６年度の調査によります。\n\n８％ ➡ １０％\n",
        );
        let got = arrows(&doc, &Vocabulary::built_in());
        let names: Vec<String> = got.iter().map(|s| format!("{:?}", s.body)).collect();
        assert_eq!(got.len(), 1, "a sentence or nothing below names no figures: {names:?}");
        let Body::Indicator(i) = &got[0].body else { panic!() };
        assert_eq!(i.name, "孤独を感じることがある市民の割合");
        assert_eq!((got[0].line, got[0].line_end), (3, 4));
        assert_eq!(i.baseline.as_ref().unwrap().figure.as_deref(), Some("42.3"));
        assert_eq!(i.target.as_ref().unwrap().figure.as_deref(), Some("35"));
    }

    #[test]
    fn an_arrow_from_no_baseline_yet() {
        let doc = Doc::from_text("・ふるさと体験ツアーの参加者数　現状（R5）―→目標（R11）200人\n会議は午前―午後→夕方");
        let got = arrows(&doc, &Vocabulary::built_in());
        assert_eq!(got.len(), 1);
        let Body::Indicator(i) = &got[0].body else { panic!() };
        assert_eq!(i.name, "ふるさと体験ツアーの参加者数");
        assert!(i.baseline.as_ref().is_some_and(|b| b.figure.is_none()));
        assert_eq!(i.target.as_ref().unwrap().figure.as_deref(), Some("200"));
    }

    #[test]
    fn an_arrow_between_labelled_figures_with_short_years_and_the_minus() {
        // The year in 「(H30)」 is no figure, and △ is the minus of the figure it stands before.
        let doc = Doc::from_text(
            "【数値目標】年間の転入超過数　基準値△８５人（Ｈ３０）→目標２０人（Ｒ８）
観光客数　基準値４１万人（Ｒ２）→目標５０万人（Ｒ８）",
        );
        let got = arrows(&doc, &Vocabulary::built_in());
        assert_eq!(got.len(), 2);
        let Body::Indicator(i) = &got[0].body else { panic!() };
        assert_eq!(i.name, "年間の転入超過数");
        assert_eq!(i.baseline.as_ref().unwrap().number, Some(-85.0));
        assert_eq!(i.baseline.as_ref().unwrap().unit, "人");
        assert_eq!(i.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2018);
        assert_eq!(i.target.as_ref().unwrap().figure.as_deref(), Some("20"));
        let Body::Indicator(i) = &got[1].body else { panic!() };
        assert_eq!(i.name, "観光客数");
        assert_eq!(i.baseline.as_ref().unwrap().figure.as_deref(), Some("41"));
        assert_eq!(i.target.as_ref().unwrap().display(), "50万人");
    }

    /// An indicator read: its lines, name, baseline and target (figure, or the word).
    type Read = (usize, usize, String, Option<String>, Option<String>);

    fn indicators(stated: Vec<Stated>) -> Vec<Read> {
        let fig = |v: &Option<Value>| v.as_ref().and_then(|v| v.figure.clone().or(v.qualifier.clone()));
        stated
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => Some((s.line, s.line_end, i.name.clone(), fig(&i.baseline), fig(&i.target))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numbered_targets_with_labelled_figures_in_brackets() {
        let text = "（１）自治会の加入世帯数を増やします（現状：１，８２０世帯／Ｒ４ → 目標：２，０００世帯／Ｒ８）
（２）ごみの資源化率（目標：３０．０％ ※現状 ２４．６％）
（３）放置自転車の撤去台数（現状：延べ４１０台／Ｒ４ → 目標：維持／Ｒ８）
（４）地域の清掃活動に参加した人の割合を現状より３ポイント上げます（現状 ４２．１％）
（５）公民館まつりを開催します（令和７年度）";
        let doc = Doc::from_text(text);
        let v = Vocabulary::built_in();
        let mut got = indicators(arrows(&doc, &v));
        got.extend(indicators(labelled_figures(&doc, &v)));
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            got,
            [
                (1, 1, "自治会の加入世帯数".to_string(), s("1,820"), s("2,000")),
                (3, 3, "放置自転車の撤去台数".to_string(), s("410"), s("維持")),
                (2, 2, "ごみの資源化率".to_string(), s("24.6"), s("30.0")),
                (4, 4, "地域の清掃活動に参加した人の割合".to_string(), s("42.1"), None),
            ]
        );
    }

    #[test]
    fn a_target_takes_the_baseline_of_the_note_under_it() {
        let text = "（１）市営プールの年間利用者数を３万人にします。\n　※現状値：２．６万人（令和５年度）\n（２）花壇の数を５０基にします。\n　※花壇は地域の方が管理します。";
        let doc = Doc::from_text(text);
        let v = Vocabulary::built_in();
        let mut stated = targets(&doc, &v);
        baseline_notes(&doc, &v, &mut stated);
        let got = indicators(stated);
        assert_eq!(got.len(), 2);
        assert!(got[0].2.ends_with("市営プールの年間利用者数"), "{got:?}");
        assert_eq!((got[0].0, got[0].1, got[0].3.as_deref(), got[0].4.as_deref()), (1, 2, Some("2.6"), Some("3")));
        assert!(got[1].2.ends_with("花壇の数"));
        assert_eq!((got[1].0, got[1].1, got[1].3.as_deref()), (3, 3, None));
    }

    #[test]
    fn statements_of_fact_are_no_targets() {
        assert!(read("自治会加入率は、平成２５年度の７８．９％から毎年少しずつ下がっています。").is_empty());
        assert!(read("指定文化財の数は令和５年度末で４３件です。").is_empty());
        assert!(read("中間年の令和９年度に見直しを行います。").is_empty());
        assert!(read("本計画の期間は、令和７年度から令和１１年度までの５年間とします。").is_empty());
    }

    #[test]
    fn an_arrow_between_figures_dated_to_the_day_after_a_leader() {
        let doc = Doc::from_text("◎ 消防団員数……………… 412人（R6.4.1）⇒ 450人（R11.4.1）");
        let got = indicators(arrows(&doc, &Vocabulary::built_in()));
        let own = |s: &str| Some(s.to_string());
        assert_eq!(got, [(1, 1, "消防団員数".to_string(), own("412"), own("450"))]);
    }
}
