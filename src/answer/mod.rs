//! Answer: question → intents and filters → retrieval → a composed answer with citations.
//!
//! Retrieval asks the index for candidates of the kinds an intent needs (built from analysed
//! tokens, never from the QueryParser), then ranks them by how much of the question's topic
//! each record covers ([`matching`]). A record that covers too little is not an answer:
//! "not found" is an [`Answer`] with `found: false`, never an error.

pub mod bounded;
pub mod compose;
pub mod matching;
pub mod question;
pub mod synonyms;

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term as TantivyTerm;

use crate::index::PlanIndex;
use crate::ingest::{normalize, Body, Record};
use matching::{coverage, name_recall, question_terms, Term};
use question::{EditionWanted, Intent, Question};
use synonyms::Synonyms;

/// Words of a period question that the answering text tends to repeat.
const PERIOD_WORDS: &[&str] = &["期間", "策定", "開始", "終了", "改定", "締結"];

/// The longest question that is analysed; longer text is cut (and the answer says so).
pub const MAX_QUESTION_CHARS: usize = 500;
/// How many records each search fetches for reranking. Each fetch may decompress a block of
/// the doc store, the main cost of an ask on a large index (see BENCHMARKS.md).
const CANDIDATES: usize = 40;
/// A near miss only needs to know a few municipalities that do have a match.
const ELSEWHERE_CANDIDATES: usize = 12;
/// A record must cover this share of the question's topic to answer it.
const MIN_COVERAGE: f32 = 0.6;

/// The answer contract of DESIGN.md: what `ask --json` prints and the HTTP API returns.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub question: String,
    pub found: bool,
    pub intent: String,
    pub answer: String,
    pub citations: Vec<Citation>,
    pub hits: Vec<Record>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    pub file: String,
    pub line: usize,
    pub line_end: usize,
    pub municipality: Option<String>,
    pub title: String,
    pub section: String,
    pub quote: String,
}

impl Citation {
    fn of(record: &Record) -> Citation {
        Citation {
            file: record.source.file.clone(),
            line: record.line,
            line_end: record.line_end,
            municipality: record.source.municipality.clone(),
            title: record.source.title.clone(),
            section: record.section.label(),
            quote: record.quote.chars().take(200).collect(),
        }
    }
}

/// Answers questions from one open index.
pub struct Engine {
    index: PlanIndex,
    synonyms: Synonyms,
    municipalities: Vec<String>,
    /// The editions of each municipality's plans, earliest first, for 今の計画 / 前の計画.
    editions: HashMap<String, Vec<String>>,
    /// (file, title as a question would spell it) of every document: the catalog title without
    /// municipality and parenthesized scope, compacted. Computed once, not per question.
    titles: Vec<(String, String)>,
}

/// A candidate record with its score against the question.
#[derive(Debug, Clone)]
pub struct Scored {
    pub record: Record,
    pub coverage: f32,
    pub score: f32,
}

/// Below this share of an indicator's name in the question, a question that matched only the
/// name asked about something else: 「人口は？」 is not 「人口の社会増減数」.
const MIN_NAME_RECALL: f32 = 0.15;

impl Engine {
    pub fn new(index: PlanIndex, synonyms: Synonyms) -> Result<Engine> {
        let docs = index.documents()?;
        let mut municipalities: Vec<String> = docs.iter().filter_map(|d| d.municipality.clone()).collect();
        municipalities.sort();
        municipalities.dedup();
        let mut dated: Vec<(String, String, String)> = docs
            .iter()
            .filter_map(|d| Some((d.municipality.clone()?, d.period.clone().unwrap_or_default(), d.edition.clone()?)))
            .collect();
        dated.sort();
        let mut editions: HashMap<String, Vec<String>> = HashMap::new();
        for (m, _, e) in dated {
            editions.entry(m).or_default().push(e);
        }
        let titles = docs
            .iter()
            .map(|d| {
                let mut title = d.title.clone();
                if let Some(m) = &d.municipality {
                    title = title.replace(m.as_str(), "");
                }
                if let Some(at) = title.find('（') {
                    title.truncate(at);
                }
                (d.file.clone(), matching::compact(&title))
            })
            .collect();
        Ok(Engine { index, synonyms, municipalities, editions, titles })
    }

    /// Answers one question. Never fails: problems become a "not found" answer.
    pub fn ask(&self, raw: &str) -> Answer {
        self.answer(raw).unwrap_or_else(|e| {
            compose::not_found(raw, Intent::Lookup, format!("検索中に問題が起きました: {e}")).bounded()
        })
    }

    /// Answers one question, or says the index could not be searched: for surfaces that keep a
    /// failed search apart from "not found" (the CLI exits 3, not 1). Every field is bounded.
    pub fn answer(&self, raw: &str) -> Result<Answer> {
        self.try_ask(raw).map(Answer::bounded)
    }

    fn try_ask(&self, raw: &str) -> Result<Answer> {
        let cut: String = raw.chars().take(MAX_QUESTION_CHARS).collect();
        let text = self.synonyms.apply(&normalize::text(&cut));
        let mut q = question::analyse(&text, &self.municipalities);
        let named = self.named_documents(&q.text);
        q.documents = named.iter().map(|(file, _)| file.clone()).collect();
        if let Some(place) = &q.unknown_municipality {
            let msg = format!(
                "{place}の計画は登録されていません。登録されているのは {} の計画です。",
                self.municipalities.join("・")
            );
            return Ok(compose::not_found(raw, q.intents[0], msg));
        }
        let mut drop: Vec<String> = self.municipalities.clone();
        drop.extend(self.municipalities.iter().filter_map(|m| m.strip_suffix(['市', '町', '村']).map(String::from)));
        drop.extend(named.into_iter().map(|(_, title)| title));
        let terms = self.weigh(question_terms(&self.index.tokenizer, &q.text, &drop));
        let related = self.synonyms.related(&q.text);
        if terms.is_empty() && q.section_numbers.is_empty() {
            let msg = "質問から調べる言葉を見つけられませんでした。指標名や施策名を入れて、もう一度聞いてください（例: マイナンバーカード交付率の目標は？）。".to_string();
            return Ok(compose::not_found(raw, q.intents[0], msg));
        }
        let mut parts = Vec::new();
        for intent in &q.intents {
            parts.push(self.answer_intent(*intent, &q, &terms, &related)?);
        }
        Ok(compose::assemble(raw, &q, parts, &self.municipalities))
    }

    fn answer_intent(&self, intent: Intent, q: &Question, terms: &[Term], related: &[String]) -> Result<compose::Part> {
        let kinds: &[&str] = match intent {
            Intent::Target | Intent::Current | Intent::Both | Intent::Compare => &["indicator"],
            Intent::Department => &["measure", "responsibility"],
            // Some plans state satisfaction as an indicator ("…に対する市民満足度").
            Intent::Satisfaction => &["satisfaction", "indicator"],
            Intent::Period => &["plan", "passage", "indicator", "measure"],
            Intent::Measures => &["measure", "count"],
            Intent::Count => &["count", "measure"],
            Intent::Lookup => &["indicator", "measure", "satisfaction", "plan", "count", "passage"],
        };
        let mut candidates = self.candidates(q, terms, related, kinds)?;
        candidates.retain(|c| admissible(intent, q, &c.record));
        // With no municipality in the question, a miss within a named one is a near miss
        // worth explaining; look again without the filter.
        let elsewhere = if !q.municipalities.is_empty() && candidates.first().is_none_or(|c| c.coverage < MIN_COVERAGE)
        {
            let mut open = q.clone();
            open.municipalities.clear();
            let others = self.candidates_limited(&open, terms, related, kinds, ELSEWHERE_CANDIDATES)?;
            let mut names: Vec<String> = others
                .iter()
                .filter(|c| c.coverage >= MIN_COVERAGE && admissible(intent, q, &c.record))
                .filter_map(|c| c.record.source.municipality.clone())
                .filter(|m| !q.municipalities.contains(m))
                .collect();
            names.sort();
            names.dedup();
            names
        } else {
            Vec::new()
        };
        let group = match intent {
            Intent::Measures | Intent::Count => self.measure_group(q, terms, &mut candidates)?,
            _ => Vec::new(),
        };
        let also = match intent {
            Intent::Target | Intent::Current | Intent::Both => remainder(terms, &candidates),
            _ => Vec::new(),
        };
        Ok(compose::Part { intent, candidates, elsewhere, group, also })
    }

    /// Candidate records of the given kinds, best first.
    fn candidates(&self, q: &Question, terms: &[Term], related: &[String], kinds: &[&str]) -> Result<Vec<Scored>> {
        self.candidates_limited(q, terms, related, kinds, CANDIDATES)
    }

    fn candidates_limited(
        &self,
        q: &Question,
        terms: &[Term],
        related: &[String],
        kinds: &[&str],
        limit: usize,
    ) -> Result<Vec<Scored>> {
        let query = self.query(q, terms, related, kinds);
        let found = self.index.search(query.as_ref(), limit)?;
        let best_raw = found.first().map_or(1.0, |(s, _)| *s).max(1e-6);
        let question = matching::compact(&q.text);
        let related_of: Vec<Vec<String>> = terms
            .iter()
            .map(|t| self.synonyms.related(&t.text).into_iter().map(|r| matching::compact(&r)).collect())
            .collect();
        let mut scored: Vec<Scored> = found
            .into_iter()
            .map(|(raw, record)| {
                let (primary, secondary) = match_texts(&record);
                let (primary, secondary) = (matching::compact(&primary), matching::compact(&secondary));
                let cov = coverage(&with_related(terms, &related_of, &primary), &primary, &secondary);
                let recall = name_recall(&question, &matching::compact(&record.body.name()));
                let cov = if matches!(record.body, Body::Indicator(_))
                    && recall < MIN_NAME_RECALL
                    && coverage(terms, &primary, "") >= 0.99
                {
                    cov.min(MIN_COVERAGE - 0.01)
                } else {
                    cov
                };
                let mut score = cov + 0.25 * recall + 0.1 * (raw / best_raw);
                score += self.edition_fit(q, &record);
                if !q.documents.is_empty() && !q.documents.contains(&record.source.file) {
                    score -= 0.4;
                }
                if !q.years.is_empty() && years_match(&q.years, &record.quote) {
                    // With no topic of its own (「平成34年度までの計画は？」) the year is the subject.
                    score += if terms.iter().all(|t| t.scaffolding) { 0.6 } else { 0.2 };
                }
                // "いつ策定", "計画期間": a record using the same word answers the same thing.
                for w in PERIOD_WORDS {
                    if q.text.contains(w) && record.quote.contains(w) {
                        score += 0.1;
                    }
                }
                if q.section_numbers.iter().any(|n| record.section.number.as_deref() == Some(n.as_str())) {
                    score += 0.3;
                }
                if let Body::Passage(_) = record.body {
                    score -= 0.15;
                }
                Scored { record, coverage: cov, score }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score));
        if std::env::var_os("PLANBOT_DEBUG").is_some() {
            eprintln!("terms {:?} kinds {kinds:?}", terms.iter().map(|t| (&t.text, t.weight)).collect::<Vec<_>>());
            for c in scored.iter().take(5) {
                eprintln!("  {:.2} cov {:.2} {} {}", c.score, c.coverage, c.record.body.kind(), c.record.body.name());
            }
        }
        Ok(scored)
    }

    /// Weighs each term by how rare it is in the index (inverse document frequency) as well as
    /// by its length: the word that tells two indicators apart (更新 in 市ホームページ更新件数)
    /// must count for more than the word they share (ホームページ).
    fn weigh(&self, terms: Vec<Term>) -> Vec<Term> {
        let n = self.index.num_records() as f32;
        terms
            .into_iter()
            .map(|t| {
                let df = self.index.doc_freq(&t.text) as f32;
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                Term { weight: t.weight.sqrt() * idf, ..t }
            })
            .collect()
    }

    /// Documents whose own name the question spells out ("本庄市行政改革大綱実施計画の…"):
    /// the catalog title without municipality and scope, found whole in the question.
    /// (file, title as the question spells it) of each document the question names.
    fn named_documents(&self, question: &str) -> Vec<(String, String)> {
        let q = matching::compact(question);
        self.titles
            .iter()
            .filter(|(_, title)| title.chars().count() >= 4 && q.contains(title.as_str()))
            .cloned()
            .collect()
    }

    /// Penalty for a record of another edition than the one asked for.
    fn edition_fit(&self, q: &Question, record: &Record) -> f32 {
        let Some(wanted) = &q.edition else { return 0.0 };
        let editions = record.source.municipality.as_ref().and_then(|m| self.editions.get(m));
        let wanted = match wanted {
            EditionWanted::Named(e) => Some(e),
            EditionWanted::Latest => editions.and_then(|e| e.last()),
            EditionWanted::Earlier => editions.and_then(|e| e.first()),
        };
        match (wanted, &record.source.edition) {
            (Some(w), Some(e)) if w == e => 0.2,
            // Only a municipality with editions can have the wrong one.
            (Some(_), _) if editions.is_some() => -0.5,
            _ => 0.0,
        }
    }

    fn query(&self, q: &Question, terms: &[Term], related: &[String], kinds: &[&str]) -> Box<dyn Query> {
        let f = &self.index.fields;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut add = |field, text: &str, boost: f32| {
            let term = TantivyTerm::from_field_text(field, text);
            let tq: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            should.push((Occur::Should, Box::new(BoostQuery::new(tq, boost))));
        };
        // Terms are morphemes already; related words from the synonym file are analysed here.
        let mut words: Vec<(String, f32)> = terms.iter().map(|t| (t.text.clone(), t.weight.max(0.3))).collect();
        for r in related {
            words.extend(self.index.tokenizer.morphemes(r).into_iter().map(|m| (m.text, 1.0)));
        }
        for (word, weight) in &words {
            add(f.name, word, 2.0 * weight);
            add(f.body, word, *weight);
            add(f.section, word, 0.5 * weight);
            // Bigrams let a compound meet its parts (マイナンバーカード ~ マイナンバー). A short
            // word's only bigram is the word itself, already searched above.
            let chars: Vec<char> = word.chars().collect();
            if chars.len() >= 3 {
                for w in chars.windows(2) {
                    let gram: String = w.iter().collect();
                    add(f.name_bigram, &gram, 0.7 * weight);
                    add(f.body_bigram, &gram, 0.3 * weight);
                }
            }
        }
        for n in &q.section_numbers {
            add(f.section_number, n, 3.0);
        }
        // A year also retrieves: records that name it, in Western (2022) or era (34) form.
        for y in &q.years {
            add(f.body, &y.fiscal.to_string(), 2.0);
            if let Ok(era_number) =
                y.label.trim_end_matches("年度").trim_start_matches(['令', '和', '平', '成', '昭']).parse::<u32>()
            {
                add(f.body, &era_number.to_string(), 0.5);
            }
        }
        let topic: Box<dyn Query> = Box::new(BooleanQuery::new(should));
        let kind_clauses: Vec<(Occur, Box<dyn Query>)> = kinds
            .iter()
            .map(|k| {
                let t = TantivyTerm::from_field_text(f.kind, k);
                (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        let mut must: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, topic), (Occur::Must, Box::new(BooleanQuery::new(kind_clauses)))];
        if !q.municipalities.is_empty() {
            let places: Vec<(Occur, Box<dyn Query>)> = q
                .municipalities
                .iter()
                .map(|m| {
                    let t = TantivyTerm::from_field_text(f.municipality, m);
                    (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
                })
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(places))));
        }
        Box::new(BooleanQuery::new(must))
    }

    /// The measures listed together with the best one: the same category in the same 施策, or
    /// the same 改革分野. A category the question names (主な事業, 施策中項目) is preferred.
    fn measure_group(&self, q: &Question, terms: &[Term], candidates: &mut [Scored]) -> Result<Vec<Record>> {
        for c in candidates.iter_mut() {
            let bonus = match &c.record.body {
                Body::Measure(m) if q.text.contains(m.category.as_str()) => 0.2,
                Body::Count(_) if q.intents.contains(&Intent::Count) => 0.15,
                _ => 0.0,
            };
            c.score += bonus;
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
        let Some(best) = candidates.iter().find(|c| c.coverage >= MIN_COVERAGE) else { return Ok(Vec::new()) };
        let Body::Measure(m) = &best.record.body else { return Ok(Vec::new()) };
        // 「ごみ処理の取組は？」 names no 施策 or item, only words of one item's text: that item is
        // the answer, not the whole list it stands in.
        let names = matching::compact(&format!(
            "{} {} {} {}",
            m.name,
            m.area.as_deref().unwrap_or(""),
            best.record.section.label(),
            best.record.section.path.join(" ")
        ));
        if coverage(terms, &names, "") < MIN_COVERAGE {
            return Ok(vec![best.record.clone()]);
        }
        let section = if m.area.is_some() { None } else { Some(best.record.section.label()) };
        let group = self
            .index
            .records_in(&best.record.source.file, "measure", section.as_deref())?
            .into_iter()
            .filter(|r| matches!(&r.body, Body::Measure(x) if x.category == m.category && x.area == m.area))
            .collect();
        Ok(group)
    }
}

/// A word the record lacks counts as found when a related word stands in for it (普及 → 交付):
/// "マイナンバーカードの普及" then matches 交付率 and 申請率 alike. `primary` is compacted.
fn with_related(terms: &[Term], related_of: &[Vec<String>], primary: &str) -> Vec<Term> {
    terms
        .iter()
        .zip(related_of)
        .map(|(t, related)| {
            if primary.contains(&t.text) {
                return t.clone();
            }
            match related.iter().find(|r| primary.contains(r.as_str())) {
                Some(r) => Term::new(r.clone(), t.weight),
                None => t.clone(),
            }
        })
        .collect()
}

/// The text a record is matched on: its name first, then what surrounds it.
pub fn match_texts(record: &Record) -> (String, String) {
    // The headings above a record describe it too (「関連計画」, 「具体的な取組」).
    let section = format!("{} {} {}", record.section.label(), record.section.path.join(" "), record.source.title);
    match &record.body {
        Body::Indicator(i) => {
            (i.name.clone(), format!("{} {} {section}", i.description.as_deref().unwrap_or(""), i.category))
        }
        Body::Measure(m) => (
            format!("{} {}", m.name, m.area.as_deref().unwrap_or("")),
            format!("{} {} {} {section}", m.content.as_deref().unwrap_or(""), m.departments.join(" "), m.category),
        ),
        Body::Responsibility(r) => (record.section.label(), format!("{} {}", r.role, record.source.title)),
        Body::Satisfaction(s) => (format!("{} {section}", s.item), String::new()),
        Body::Plan(p) => (p.name.clone(), format!("{} {section}", p.summary.as_deref().unwrap_or(""))),
        Body::Count(c) => (c.label.clone(), format!("{} {section}", c.items.join(" "))),
        Body::Passage(p) => (p.text.clone(), section),
    }
}

/// 「自治会加入率と防犯ボランティア組織率の目標」 asks for two records. When the best one leaves
/// a good part of the topic uncovered, the record that best covers that remainder answers too.
fn remainder(terms: &[Term], candidates: &[Scored]) -> Vec<Scored> {
    let Some(best) = candidates.iter().find(|c| c.coverage >= MIN_COVERAGE) else { return Vec::new() };
    let (primary, _) = match_texts(&best.record);
    let primary = matching::compact(&primary);
    let left: Vec<Term> = terms.iter().filter(|t| !primary.contains(&t.text)).cloned().collect();
    let total: f32 = terms.iter().map(|t| t.weight).sum();
    let left_weight: f32 = left.iter().map(|t| t.weight).sum();
    if left.is_empty() || left_weight < 0.12 * total {
        return Vec::new();
    }
    // The other record must name every word left over, in its own name.
    candidates
        .iter()
        .filter(|c| c.record != best.record && c.record.body.kind() == best.record.body.kind())
        .map(|c| (coverage(&left, &matching::compact(&match_texts(&c.record).0), ""), c))
        .filter(|(cov, _)| *cov >= 0.99)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.score.total_cmp(&b.1.score)))
        .map(|(_, c)| vec![c.clone()])
        .unwrap_or_default()
}

/// Whether a record can answer this intent of the question at all, however well it matches.
fn admissible(intent: Intent, q: &Question, record: &Record) -> bool {
    if let (Some(unit), Body::Passage(p)) = (&q.asks_quantity, &record.body) {
        // 「人口は何人？」: a passage without a figure in that unit cannot say how many.
        if !has_figure(&p.text, unit) {
            return false;
        }
    }
    match (intent, &record.body) {
        (Intent::Period, Body::Passage(p)) => has_period(&p.text),
        (Intent::Period, Body::Indicator(i)) => !i.yearly.is_empty(),
        (Intent::Period, Body::Measure(m)) => m.content.as_deref().is_some_and(has_period),
        (Intent::Period, Body::Plan(p)) => p.period.is_some(),
        // Only an indicator that measures satisfaction answers a satisfaction question.
        (Intent::Satisfaction, Body::Indicator(i)) => i.name.contains("満足"),
        // "どんな計画があるか" wants the list; a bare number is no answer to it.
        (Intent::Measures, Body::Count(n)) => !n.items.is_empty(),
        (Intent::Department, Body::Measure(m)) => !m.departments.is_empty(),
        _ => true,
    }
}

/// Whether `text` holds a figure, followed by `unit` when one is given ("48,340食").
fn has_figure(text: &str, unit: &str) -> bool {
    text.char_indices().any(|(i, c)| c.is_ascii_digit() && text[i + 1..].trim_start().starts_with(unit))
}

/// Whether the record's text names one of the years the question asks about.
fn years_match(asked: &[crate::ingest::value::Year], text: &str) -> bool {
    crate::ingest::value::years_in(text).iter().any(|y| asked.iter().any(|a| a.fiscal == y.fiscal))
}

/// Whether a passage states a period or a date: 令和5年度から…, 平成27年3月, ～.
fn has_period(text: &str) -> bool {
    let years = crate::ingest::value::years_in(text);
    let marks = ["~", "〜", "策定", "月", "まで", "から", "期間"];
    !years.is_empty() && (years.len() >= 2 || marks.iter().any(|m| text.contains(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_and_without_a_unit() {
        assert!(has_figure("人口5万人以上", "万人"));
        assert!(has_figure("備蓄食料 48,340 食", "食"));
        assert!(has_figure("令和5年度", ""));
        assert!(!has_figure("交流人口の増加", "人"));
        assert!(!has_figure("10件", "人"));
    }
}
