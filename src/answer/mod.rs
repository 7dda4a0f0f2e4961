//! Answer: question → intents and filters → retrieval → a composed answer with citations.
//!
//! Retrieval asks the index for candidates of the kinds an intent needs (built from analysed
//! tokens, never from the QueryParser), then ranks them by how much of the question's topic
//! each record covers ([`matching`]). A record that covers too little is not an answer:
//! "not found" is an [`Answer`] with `found: false`, never an error.

pub mod bounded;
pub mod compose;
pub mod computed;
pub mod matching;
pub mod names;
pub mod question;
pub mod sudachi;
pub mod synonyms;
pub mod typos;

use std::collections::HashMap;

use anyhow::Result;
use once_cell::sync::Lazy;
use regex::Regex;
use serde::Serialize;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term as TantivyTerm;

use crate::index::tokenizer::Morpheme;
use crate::index::PlanIndex;
use crate::ingest::value::Value;
use crate::ingest::{normalize, Body, Record};
use matching::{coverage, covers_topic, name_recall, question_terms, Term};
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
/// ... found among this many records at most: a near miss names a few places that have the
/// topic, not the best ones of a national corpus, and must not cost more as it grows (issue 12).
const ELSEWHERE_RECORDS: u32 = 100_000;
/// A record must cover this share of the question's topic to answer it.
const MIN_COVERAGE: f32 = 0.6;
/// At most this many questions of one message are answered: each costs a full ask.
const MAX_QUESTIONS: usize = 3;

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
    /// The citation of one record: its lines, document, section and quoted text.
    pub fn of(record: &Record) -> Citation {
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

    /// The citations of the records an answer rests on, in order: each record's, then the
    /// legend that names its departments where it writes them as abbreviations.
    pub fn all(records: &[Record]) -> Vec<Citation> {
        let mut citations = Vec::new();
        for record in records {
            citations.push(Citation::of(record));
            let legend = match &record.body {
                Body::Measure(m) => m.legend.as_ref(),
                Body::Indicator(i) => i.legend.as_ref(),
                _ => None,
            };
            if let Some(legend) = legend {
                citations.push(Citation {
                    line: legend.line,
                    line_end: legend.line_end,
                    quote: legend.quote.chars().take(200).collect(),
                    ..Citation::of(record)
                });
            }
        }
        citations
    }
}

/// Why a question got no answer at all. "Not found" is not an error: it is an [`Answer`] with
/// `found: false`. This is the index failing under the engine (damage that only a search
/// meets, a panic caught at [`PlanIndex::search`], an I/O error). Its `Display` is a message
/// fit for anyone; the detail (paths, tantivy's words) is for the log only.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error("検索中に問題が起きました")]
    Search(#[source] anyhow::Error),
}

impl AskError {
    /// What went wrong inside, for the log: never shown to a citizen.
    pub fn detail(&self) -> &anyhow::Error {
        match self {
            AskError::Search(e) => e,
        }
    }
}

/// Answers questions from one open index.
pub struct Engine {
    index: PlanIndex,
    synonyms: Synonyms,
    /// Every municipality, and an automaton finding their names in a question.
    places: names::Places,
    /// The editions of each municipality's plans, earliest first, for 今の計画 / 前の計画.
    editions: HashMap<String, Vec<String>>,
    /// Document titles as a question spells them whole, or abbreviates them
    /// (行革実施計画 = 行政改革大綱実施計画).
    titles: names::Titles,
    /// Every document, for answers computed over all records of a kind.
    documents: Vec<crate::ingest::record::Source>,
    /// The plans' words by reading, read on the first question with a compound the plans do
    /// not use (most questions never need it).
    homophones: std::sync::OnceLock<typos::Homophones>,
    /// The municipalities' names by reading, read on the first question holding a run of kana
    /// long enough to type one (るりかわ for 瑠璃川市).
    kana_names: std::sync::OnceLock<names::KanaNames>,
}

/// A candidate record with its score against the question.
#[derive(Debug, Clone)]
pub struct Scored {
    pub record: Record,
    pub coverage: f32,
    pub score: f32,
}

/// The candidates a question's intents searched for, by the kinds searched: its words are the
/// same for every intent, and intents often search the same kinds (目標 and 比較 both search
/// indicators, and every intent not answered by a record searches passages), so each search
/// runs once per question. Kept only when the question has more than one intent.
struct Searched {
    keep: bool,
    found: Vec<(&'static [&'static str], Vec<Scored>)>,
}

impl Searched {
    fn for_intents(intents: usize) -> Searched {
        Searched { keep: intents > 1, found: Vec::new() }
    }

    /// The candidates of `kinds`, searched by `search` unless searched before.
    fn candidates(
        &mut self,
        kinds: &'static [&'static str],
        search: impl FnOnce() -> Result<Vec<Scored>>,
    ) -> Result<Vec<Scored>> {
        if let Some((_, found)) = self.found.iter().find(|(k, _)| *k == kinds) {
            return Ok(found.clone());
        }
        let found = search()?;
        if self.keep {
            self.found.push((kinds, found.clone()));
        }
        Ok(found)
    }
}

/// Below this share of an indicator's name in the question, a question that matched only the
/// name asked about something else: 「人口は？」 is not 「人口の社会増減数」.
const MIN_NAME_RECALL: f32 = 0.15;

impl Engine {
    /// The index this engine answers from (the web surface lists indicators from it per request
    /// instead of holding them).
    pub fn index(&self) -> &PlanIndex {
        &self.index
    }

    pub fn new(index: PlanIndex, synonyms: Synonyms) -> Result<Engine> {
        let docs = index.documents()?;
        let places = names::Places::new(docs.iter().filter_map(|d| d.municipality.clone()).collect());
        let mut dated: Vec<(String, String, String)> = docs
            .iter()
            .filter_map(|d| Some((d.municipality.clone()?, d.period.clone().unwrap_or_default(), d.edition.clone()?)))
            .collect();
        dated.sort();
        let mut editions: HashMap<String, Vec<String>> = HashMap::new();
        for (m, _, e) in dated {
            editions.entry(m).or_default().push(e);
        }
        // Title morphemes are analysed on first use: a cold start does not run lindera over
        // every title.
        let titles = names::Titles::new(&docs, matching::compact);
        Ok(Engine {
            index,
            synonyms,
            places,
            editions,
            titles,
            documents: docs,
            homophones: Default::default(),
            kana_names: Default::default(),
        })
    }

    /// Answers one question for batch tools (eval, bench, the FAQ check), where a failed search
    /// may count as not found: the answer then says only that the search failed, and the detail
    /// goes to the log at debug level. Surfaces use [`Engine::answer`] and map [`AskError`].
    pub fn ask(&self, raw: &str) -> Answer {
        self.answer(raw).unwrap_or_else(|e| {
            tracing::debug!("{e}: {:#}", e.detail());
            compose::not_found(raw, Intent::Lookup, format!("{e}。")).bounded()
        })
    }

    /// Answers one question, or says the index could not be searched: a failed search is not
    /// "the plans hold no answer" (the CLI exits 3, not 1; the web answers 503). Every field of
    /// the answer is bounded.
    pub fn answer(&self, raw: &str) -> std::result::Result<Answer, AskError> {
        self.try_ask(raw).map(Answer::bounded).map_err(AskError::Search)
    }

    fn try_ask(&self, raw: &str) -> Result<Answer> {
        let cut: String = question::clean(raw).chars().take(MAX_QUESTION_CHARS).collect();
        let text = self.synonyms.apply(&normalize::text(&cut));
        // A chat message may hold words about the asker and more than one question.
        let (parts, asides) = question::chat_parts(&text);
        let parts = self.with_topics(parts, &asides);
        let mut aside_places: Vec<String> =
            asides.iter().flat_map(|a| self.places.find(&self.places.respell(a)).named).collect();
        aside_places.dedup();
        let mut answers = Vec::new();
        for part in parts.into_iter().take(MAX_QUESTIONS) {
            let part = if !aside_places.is_empty() && self.places.find(&self.places.respell(&part)).named.is_empty() {
                format!("{}の{part}", aside_places.join("と"))
            } else {
                part
            };
            answers.push(self.ask_one(raw, &part)?);
        }
        Ok(compose::join(raw, answers))
    }

    /// Questions of a message that each name a topic: one that names none of its own (「目標
    /// あるの？何mg/Lにする？」, 「…は？いつまで？」) asks more about the question before it and
    /// is read with it, not searched with its unit and question words alone. A first question
    /// with no topic of its own takes it from the statements before it (「自転車盗まれるの多い
    /// けど、市の目標って何件？」).
    fn with_topics(&self, parts: Vec<String>, asides: &[String]) -> Vec<String> {
        // A word of one letter (市, 人) names no topic by itself.
        let names_topic = |text: &str| {
            question_terms(&self.index.tokenizer, text, &[])
                .iter()
                .any(|t| !t.scaffolding && !t.loose && t.text.chars().nth(1).is_some())
        };
        let mut out: Vec<String> = Vec::new();
        for part in parts {
            let own = names_topic(&part);
            match out.last_mut() {
                Some(last) if !own => last.push_str(&part),
                None if !own => {
                    let topics: String = asides.iter().filter(|a| names_topic(a)).map(String::as_str).collect();
                    out.push(topics + &part);
                }
                _ => out.push(part),
            }
        }
        out
    }

    fn ask_one(&self, raw: &str, text: &str) -> Result<Answer> {
        let (text, corrections) = self.correct_typos(text);
        let mut answer = self.ask_text(raw, text)?;
        // Say what was read, so that a reader whose word was not a typo sees it at once.
        if answer.found && !corrections.is_empty() {
            let read: Vec<String> =
                corrections.iter().map(|c| format!("「{}」を「{}」と読み替えました", c.typed, c.read_as)).collect();
            answer.answer = format!("（{}）\n{}", read.join("、"), answer.answer);
        }
        Ok(answer)
    }

    /// The question with homophone typos corrected (特定検診 → 特定健診), see [`typos`].
    fn correct_typos(&self, text: &str) -> (String, Vec<typos::Correction>) {
        let index = &self.index;
        if !typos::needs_correction(index, text) {
            return (text.to_string(), Vec::new());
        }
        let known = |w: &str| {
            self.documents.iter().any(|d| d.title.contains(w) || d.edition.as_deref() == Some(w))
                || self.synonyms.expansions(w).iter().any(|(x, _)| index.doc_freq(x) > 0)
        };
        self.homophones.get_or_init(|| typos::Homophones::of_index(index)).correct(index, text, known)
    }

    fn ask_text(&self, raw: &str, text: String) -> Result<Answer> {
        // るりかわ is 瑠璃川市: a place name typed in kana and left unconverted is the catalog's.
        let text = if names::KanaNames::may_hold(&text) {
            let tokenizer = &self.index.tokenizer;
            self.kana_names
                .get_or_init(|| names::KanaNames::new(&self.places.all, |w| tokenizer.readings(w)))
                .respell(&text)
        } else {
            text
        };
        // 霧が森市 is 霧ヶ森市: a place name in another kana is the catalog's name.
        let text = self.places.respell(&text);
        let found = self.places.find(&text);
        let mut q = question::analyse_found(&text, found.named, |p| self.places.is_known(p));
        if q.unknown_municipality.as_ref().is_some_and(|p| !names_a_place(&self.index.tokenizer, &q.text, p)) {
            q.unknown_municipality = None;
        }
        if question::is_small_talk(&q.text) {
            return Ok(compose::small_talk(raw, &q.text, &self.places.all));
        }
        let named = self.named_documents(&q);
        if std::env::var_os("PLANBOT_DEBUG").is_some() {
            eprintln!("named {named:?}");
        }
        q.documents = named.iter().map(|(file, _)| file.clone()).collect();
        // Sorted, so that each candidate's document is looked up, not compared with every one.
        q.documents.sort();
        if let Some(place) = &q.unknown_municipality {
            let msg = format!(
                "{place}の計画は登録されていません。登録されているのは {} の計画です。",
                compose::some_places(&self.places.all)
            );
            return Ok(compose::not_found(raw, q.intents[0], msg));
        }
        // The document's name first: it may contain the municipality's.
        // The same title named in many documents (every municipality's 総合計画) is dropped
        // once: removing it again changes nothing.
        let mut drop: Vec<String> = Vec::new();
        for (_, title) in named {
            if !drop.contains(&title) {
                drop.push(title);
            }
        }
        let named_count = drop.len();
        // Only names the question contains can be dropped from it: every name, then every stem
        // (of any length), as a scan of the whole catalog would drop them.
        // A name inside a longer name (萌黄野 of 西萌黄野駅) is part of that name, not the city.
        drop.extend(found.spelled.into_iter().filter(|name| !question::only_inside_names(&q.text, name)));
        if let Some(unit) = q.asks_quantity.as_ref().filter(|u| !u.is_empty()) {
            // 「何人」 asks for a unit, not about people.
            drop.push(format!("何{unit}"));
        }
        // 「市役所のどこの課？」: the city hall is where every department is, no topic.
        if q.intents.contains(&Intent::Department) {
            drop.extend(["市役所", "町役場", "村役場", "役所", "役場"].map(String::from));
            // 「…の窓口はどこの課？」: the counter where one asks is the department asked for; but
            // 「書かない窓口はどこの課？」 asks about a kind of counter, the topic itself.
            for w in question::WHERE_TO_ASK {
                match w.starts_with("窓口") {
                    true => drop.extend(["の", "、", " "].map(|p| format!("{p}{w}"))),
                    false => drop.push(w.to_string()),
                }
            }
            drop.extend(["の窓口は", "の窓口って"].map(String::from));
        }
        // 「何個」 asks how many, whatever the plan counts in: 個 is no topic word either.
        drop.extend(question::ANY_COUNTER.iter().map(|c| format!("何{c}")));
        if q.every_place {
            drop.extend(question::EVERY_PLACE_CUES.iter().map(|w| w.to_string()));
        }
        let mut terms = question_terms(&self.index.tokenizer, &q.text, &drop);
        if terms.is_empty() && !q.documents.is_empty() {
            // 「桜川台市の後期基本計画っていつからいつまで？」: the named plan is the topic itself.
            let places: Vec<String> = drop.iter().skip(named_count).cloned().collect();
            terms = question_terms(&self.index.tokenizer, &q.text, &places)
                .into_iter()
                .map(|t| Term { scaffolding: true, ..t })
                .collect();
        }
        // 「鹿嶺村の地域計画の目標年度っていつ？」: the named plan's own year asked, no topic of
        // its: the end of its period.
        let time_words: Vec<&str> = PLAN_TIME_WORDS.iter().copied().filter(|w| q.text.contains(w)).collect();
        if q.asks_when
            && !q.documents.is_empty()
            && !terms.is_empty()
            && terms.iter().all(|t| time_words.iter().any(|w| w.contains(t.text.as_str())))
        {
            q.intents = vec![Intent::Period];
        }
        let terms = self.weigh(terms);
        q.measure = self.measure_compound(&q.text, &terms);
        q.compounds = self.topic_compounds(&q.text, &terms);
        q.head = self.head_compound(&q.text, &terms);
        q.rates = self.rates(&q.text);
        if std::env::var_os("PLANBOT_DEBUG").is_some() {
            eprintln!(
                "measure {:?} compounds {:?} head {:?} rates {:?} years {:?} quantity {:?}",
                q.measure, q.compounds, q.head, q.rates, q.years, q.asks_quantity
            );
        }
        let related = self.related(&q.text, &terms);
        // Words that set up a computation rather than name a topic.
        const COMPUTING: &[&str] = &["開始", "始まり", "スタート", "一番", "最も"];
        let topical = terms.iter().any(|t| {
            // 市民 of 市民満足度 names the survey, not a topic.
            let of_survey = q.text.contains("市民満足度") && "市民満足度".contains(t.text.as_str());
            !t.scaffolding && !COMPUTING.contains(&t.text.as_str()) && !of_survey
        });
        if let Some(computation) = computed::Computation::of(&q, topical || !q.section_numbers.is_empty()) {
            let records = self.records_for(&q, computation.kinds())?;
            if let Some(answer) = computation.answer(raw, &records) {
                return Ok(answer);
            }
        }
        if terms.is_empty() && q.section_numbers.is_empty() {
            let msg = format!(
                "質問から調べる言葉を見つけられませんでした。指標名や施策名を入れて、もう一度聞いてください（例: 「（指標名）の目標は？」「（取組名）の担当課は？」）。{}",
                compose::what_planbot_does(&self.places.all)
            );
            return Ok(compose::not_found(raw, q.intents[0], msg));
        }
        let mut parts = Vec::new();
        let mut searched = Searched::for_intents(q.intents.len());
        for intent in &q.intents {
            parts.push(self.answer_intent(*intent, &q, &terms, &related, &mut searched)?);
        }
        let answer = compose::assemble(raw, &q, parts, &self.places.all);
        // 「文化財の保存修理　何件」: when no count or list answers, an indicator counted in the
        // unit asked does: its row says how many there are and are to be. (Not a line of text:
        // a figure in 件 near the topic's words may count anything.)
        if !answer.found && q.intents == [Intent::Count] && q.asks_quantity.as_ref().is_some_and(|u| !u.is_empty()) {
            let mut both = q.clone();
            both.intents = vec![Intent::Both];
            let part = self.answer_intent(Intent::Both, &both, &terms, &related, &mut Searched::for_intents(1))?;
            // (The row's own name says what it counts: 「女性相談は何件」 in a plan for women is
            // not answered by 「SNS相談の相談件数」, found through the title's 女性.)
            let named = |c: &Scored| match &c.record.body {
                Body::Indicator(i) => net_coverage(&terms, &related, &matching::compact(&i.name)) >= MIN_COVERAGE,
                _ => false,
            };
            if !part.from_text && part.candidates.first().is_some_and(|c| c.coverage >= MIN_COVERAGE && named(c)) {
                let counted = compose::assemble(raw, &both, vec![part], &self.places.all);
                if counted.found {
                    return Ok(counted);
                }
            }
        }
        // 「行革の取組はいくつ？」: the named plan counts its items in its own word (計画数).
        if !answer.found && q.intents.contains(&Intent::Count) && !q.documents.is_empty() && !topical {
            if let Some(total) = computed::document_total(raw, &self.records_for(&q, &["count"])?) {
                return Ok(total);
            }
        }
        Ok(answer)
    }

    fn answer_intent(
        &self,
        intent: Intent,
        q: &Question,
        terms: &[Term],
        related: &Related,
        searched: &mut Searched,
    ) -> Result<compose::Part> {
        let kinds: &[&str] = match intent {
            Intent::Target | Intent::Current | Intent::Both | Intent::Compare => &["indicator"],
            // Indicator tables often carry a 担当課 column of their own.
            Intent::Department => &["measure", "responsibility", "indicator"],
            // Some plans state satisfaction as an indicator ("…に対する市民満足度").
            Intent::Satisfaction => &["satisfaction", "indicator"],
            Intent::Period => &["plan", "passage", "indicator", "measure"],
            Intent::Measures => &["measure", "count"],
            Intent::Count => &["count", "measure"],
            Intent::Lookup => &["indicator", "measure", "satisfaction", "plan", "count", "passage"],
        };
        let mut candidates = searched.candidates(kinds, || self.candidates(q, terms, related, kinds))?;
        // 「橋の長寿命化計画って何年度まで？」: the plan the question names states its own period,
        // however many of its passages the search ranks above the record that says so.
        if intent == Intent::Period {
            for file in &q.documents {
                for record in self.index.records_in(file, "plan", None)? {
                    let Body::Plan(p) = &record.body else { continue };
                    let (name, title) =
                        (matching::compact(&p.name), matching::compact(&normalize::text(&record.source.title)));
                    let itself = !name.is_empty() && (title.contains(&name) || name.contains(&title));
                    if !itself || p.period.is_none() {
                        continue;
                    }
                    // Found already, it may cover only its own title's share of the question's
                    // words (「AとBの計画、終わるのが早いのは？」): it is still the answer.
                    match candidates.iter_mut().find(|c| c.record == record) {
                        // Asked alone (no other plan to compare with, no other edition of it),
                        // it goes first.
                        Some(c) => {
                            c.coverage = c.coverage.max(1.0);
                            let alone = q.edition.is_none() && !q.intents.contains(&Intent::Compare);
                            if alone && !asks_another_edition(&q.text, &p.name) {
                                c.score = f32::MAX;
                            }
                        }
                        None => candidates.push(Scored { record, coverage: 1.0, score: f32::MAX }),
                    }
                }
            }
        }
        // Records that match the words but not what was asked (職員提案の提案数 for 職員数, a
        // rate for 何人): kept aside to be named as related, never stated as the answer.
        let mut near: Vec<Record> =
            candidates.iter().filter(|c| c.coverage >= 0.5).take(3).map(|c| c.record.clone()).collect();
        if std::env::var_os("PLANBOT_DEBUG").is_some() {
            for c in candidates.iter().filter(|c| c.coverage >= MIN_COVERAGE).take(3) {
                eprintln!(
                    "  {intent:?} admissible {} fits {}: {}",
                    admissible(intent, q, &c.record),
                    self.fits(intent, q, terms, related, &c.record),
                    c.record.quote.chars().take(40).collect::<String>()
                );
            }
        }
        candidates.retain(|c| admissible(intent, q, &c.record));
        for c in candidates.iter_mut() {
            if c.coverage >= MIN_COVERAGE && !self.fits(intent, q, terms, related, &c.record) {
                c.coverage = MIN_COVERAGE - 0.01;
                near.push(c.record.clone());
            }
        }
        // 「…の面接会ってどこがやるの？」: the work itself (a measure, 「…就職面接会」 of 商工労働課)
        // tells who does it better than an indicator that measures it (its 担当 市・労働局).
        let named = |c: &Scored| intent == Intent::Department && work_names_a_department(&c.record);
        // 「空き家を買い取って貸すのはどこの課？」: of the works the topic's nouns find, the one
        // that says what is done (買取り, 転貸) — the words leave verbs out.
        let acts = match intent {
            Intent::Department => self.verb_kanji(&q.text),
            _ => Vec::new(),
        };
        // (Compacted only when there are verbs to look for: this runs for every comparison.)
        let acts_said = |c: &Scored| {
            if acts.is_empty() {
                return 0;
            }
            let text = matching::compact(&c.record.quote);
            acts.iter().filter(|a| text.contains(a.as_str())).count()
        };
        candidates.sort_by(|a, b| {
            (b.coverage >= MIN_COVERAGE)
                .cmp(&(a.coverage >= MIN_COVERAGE))
                .then(named(b).cmp(&named(a)))
                .then(acts_said(b).cmp(&acts_said(a)))
                .then(b.score.total_cmp(&a.score))
                .then_with(|| in_document_order(&a.record, &b.record))
        });
        // Never worse than a search box: with no record of the kind asked, the text may still
        // state the figure (「令和12年度までに…50万冊に増やします」).
        let mut from_text = false;
        // A superlative (一番低い満足度) is computed over records; one line of text is not it.
        if matches!(intent, Intent::Target | Intent::Current | Intent::Both | Intent::Satisfaction | Intent::Department)
            && q.superlative.is_none()
            && candidates.first().is_none_or(|c| c.coverage < MIN_COVERAGE)
        {
            let mut passages =
                searched.candidates(&["passage"], || self.candidates(q, terms, related, &["passage"]))?;
            passages.retain(|c| c.coverage >= MIN_COVERAGE);
            let verbs = self.verb_stems(&q.text);
            // 「電柱って今何本？」 in a plan on 無電柱化, whose every paragraph names 電柱: the lines
            // that hold a figure in the unit asked are read first (a stable sort keeps the
            // search's order among them).
            if let Some(unit) = q.asks_quantity.as_deref().filter(|u| !u.is_empty()) {
                let holds = |c: &Scored| matches!(&c.record.body, Body::Passage(p) if has_figure(&p.text, unit));
                passages.sort_by_key(|c| !holds(c));
            }
            passages.truncate(5);
            // A table row is read with its header (before it is joined with the lines after it).
            let mut by_header: Vec<Option<String>> = Vec::new();
            for c in passages.iter_mut() {
                if intent == Intent::Department {
                    // A sheet puts 担当課 on the line after 取組名: read them together.
                    by_header.push(None);
                    if topic_department(terms, related, &c.record).is_none() && !cell_goes_on(&c.record) {
                        if let Some(joined) = self.with_following_lines(&c.record)? {
                            c.record = joined;
                        }
                    }
                    continue;
                }
                by_header.push(self.header_figure(intent, q, terms, related, &verbs, &c.record)?);
                if !states_figure(intent, q, &c.record) {
                    if let Some(joined) = self.with_following_lines(&c.record)? {
                        c.record = joined;
                    }
                }
            }
            let looked_at = passages.clone();
            let mut by_header = by_header.into_iter();
            passages.retain_mut(|c| {
                let header = by_header.next().flatten();
                if self.other_scope(q, &c.record) {
                    return false;
                }
                // The answer quotes the topic and the figure it governs, not another figure
                // of the same line.
                let focus = if intent == Intent::Department {
                    topic_department(terms, related, &c.record)
                } else if states_figure(intent, q, &c.record) {
                    topic_figure(intent, q, terms, related, &verbs, &c.record)
                } else {
                    None
                };
                let Some(focus) = focus.or(header) else { return false };
                c.record.body = Body::Passage(crate::ingest::record::Passage { text: focus });
                true
            });
            // 「ギャンブル等に関する相談は…延べ96件」 beside 「多重債務の相談のうち、ギャンブル等が原因の
            // ものは…23件」: a line whose subject says the whole topic is about it; the other
            // only touches it. Such lines outrank the rest, for what is now (a sentence about
            // the topic states where it stands, not what the plan aims at).
            if intent == Intent::Current && passages.len() > 1 {
                let whole = |c: &Scored| match &c.record.body {
                    Body::Passage(p) => {
                        subject(&p.text).is_some_and(|s| net_coverage(terms, related, s) >= FULL_COVERAGE)
                    }
                    _ => false,
                };
                if passages.iter().any(whole) && !passages.iter().all(whole) {
                    passages.retain(whole);
                }
            }
            if let Some(why) = self.undecided(q, terms, related, &passages, &looked_at) {
                if std::env::var_os("PLANBOT_DEBUG").is_some() {
                    eprintln!(
                        "text net undecided: {why}: {:?}",
                        passages
                            .iter()
                            .map(|c| match &c.record.body {
                                Body::Passage(p) => p.text.clone(),
                                _ => String::new(),
                            })
                            .collect::<Vec<_>>()
                    );
                }
                near.extend(passages.drain(..).map(|c| c.record));
            }
            if !passages.is_empty() {
                candidates = passages;
                from_text = true;
            }
        }
        // With no municipality in the question, a miss within a named one is a near miss
        // worth explaining; look again without the filter.
        let elsewhere = if !q.municipalities.is_empty() && candidates.first().is_none_or(|c| c.coverage < MIN_COVERAGE)
        {
            let mut open = q.clone();
            open.municipalities.clear();
            let others =
                self.candidates_limited(&open, terms, related, kinds, ELSEWHERE_CANDIDATES, Some(ELSEWHERE_RECORDS))?;
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
        // 「自治会っていくつあるの？」 counts something of the town, not the plan's items: a list
        // of items answers a count only of a word for them (`[counts] nouns`).
        let listed = intent == Intent::Measures || intent == Intent::Count && counts_items(q);
        let mut group = if listed { self.measure_group(q, terms, &mut candidates)? } else { Vec::new() };
        // A single item found only through the plan's title (行革 in 「行政改革推進計画」) is not
        // what 「行革の取組は？」 asks for: the plan's whole list is, which no record holds. Items
        // whose own text does not cover the topic step aside, and the list is found again.
        // (Not when the question names no topic but the plan: 「病院経営強化プラン、どんな取組が
        // あるの？」 asks for its whole list, and an item whose text says 取り組みます is no better.)
        if listed && group.len() <= 1 && !asks_the_whole_list(q, terms) {
            let mut demoted = false;
            for c in candidates.iter_mut().filter(|c| c.coverage >= MIN_COVERAGE) {
                if let Body::Measure(m) = &c.record.body {
                    let own = matching::compact(&format!(
                        "{} {} {}",
                        measure_name(&c.record, m),
                        m.area.as_deref().unwrap_or(""),
                        m.content.as_deref().unwrap_or("")
                    ));
                    if coverage(terms, &own, "") < MIN_COVERAGE {
                        near.push(c.record.clone());
                        c.coverage = MIN_COVERAGE - 0.01;
                        demoted = true;
                    }
                }
            }
            if demoted {
                group = self.measure_group(q, terms, &mut candidates)?;
            }
        }
        let also = match intent {
            Intent::Target | Intent::Current | Intent::Both => {
                remainder(terms, &related.of_term, &candidates, &q.municipalities)
            }
            _ => Vec::new(),
        };
        near.dedup();
        near.truncate(3);
        Ok(compose::Part { intent, candidates, elsewhere, group, also, near, from_text })
    }

    /// Candidate records of the given kinds, best first.
    fn candidates(&self, q: &Question, terms: &[Term], related: &Related, kinds: &[&str]) -> Result<Vec<Scored>> {
        self.candidates_limited(q, terms, related, kinds, CANDIDATES, None)
    }

    fn candidates_limited(
        &self,
        q: &Question,
        terms: &[Term],
        related: &Related,
        kinds: &[&str],
        limit: usize,
        budget: Option<u32>,
    ) -> Result<Vec<Scored>> {
        let query = self.query(q, terms, related, kinds);
        let found = match budget {
            Some(budget) => self.index.search_some(query.as_ref(), limit, budget)?,
            None => self.index.search(query.as_ref(), limit)?,
        };
        let best_raw = found.first().map_or(1.0, |(s, _)| *s).max(1e-6);
        let question = matching::compact(&q.text);
        let related_of = &related.of_term;
        let mut scored: Vec<Scored> = found
            .into_iter()
            .map(|(raw, record)| {
                let (primary, secondary) = match_texts(&record);
                let (primary, secondary) = (matching::compact(&primary), matching::compact(&secondary));
                let (stand_ins, discount) = with_related(terms, related_of, &primary, &secondary);
                let cov = coverage(&stand_ins, &primary, &secondary) - discount;
                // Sharing most words is not enough: a record that lacks a word of the topic is
                // about something else, named as related at most.
                let cov = if cov >= MIN_COVERAGE
                    && !covers_topic(terms, related_of, &topic_text(&record, &primary, &secondary))
                {
                    MIN_COVERAGE - 0.01
                } else {
                    cov
                };
                // (A name's words before its bracket are the name; the bracket explains it:
                // 「関係人口(ふるさと納税寄附者・ファンクラブ会員数)」.)
                let name = matching::compact(&record.body.name());
                let bare = name.split_once('(').map(|(before, _)| before).filter(|b| b.chars().count() >= 2);
                let recall = name_recall(&question, &name).max(bare.map_or(0.0, |b| name_recall(&question, b)));
                // (A name of things listed together counts each of them: 「児童館・地域子育て支援
                // センターの年間延べ利用者数」 is named by 「児童館」 and what follows the list.)
                let recall = listed_apart(&name).iter().map(|n| name_recall(&question, n)).fold(recall, f32::max);
                // (Or, with the name going on after it, it glosses the word before it:
                // 「電気自動車等(EV・PHV・FCV)の登録台数」 is named by its bracket's words too. A bracket
                // that ends the name is a note: 「…の割合(窓口アンケート)」.)
                let glossed = || {
                    let (inner, after) = name.split_once('(')?.1.split_once(')')?;
                    (!after.is_empty()).then(|| name_recall(&question, &format!("{inner}{after}")))
                };
                let cov = if matches!(record.body, Body::Indicator(_))
                    && recall < MIN_NAME_RECALL
                    && coverage(terms, &primary, "") >= 0.99
                    && glossed().is_none_or(|r| r < MIN_NAME_RECALL)
                {
                    cov.min(MIN_COVERAGE - 0.01)
                } else {
                    cov
                };
                let mut score = cov + 0.25 * recall + 0.1 * (raw / best_raw);
                score += self.edition_fit(q, &record);
                if !q.documents.is_empty() && q.documents.binary_search(&record.source.file).is_err() {
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
                // The row of a table's total (合計, 総計) leads the rows of its parts, and is the
                // one meant by 「全体で」「合計で」.
                if is_total_row(&record) {
                    score += if TOTAL_WORDS.iter().any(|w| q.text.contains(w)) { 0.2 } else { 0.02 };
                }
                // 「前計画では、20の取組のうち…」: a count of the plan before is not this plan's.
                const EARLIER: &[&str] = &["前計画", "旧計画", "前回計画", "前期計画"];
                if matches!(record.body, Body::Count(_))
                    && EARLIER.iter().any(|w| record.quote.contains(w) && !q.text.contains(w))
                {
                    score -= 0.3;
                }
                // A plan whose name is only generic words (「計画の推進」, read from 「計画の推進期間は…」)
                // says less than one named for what it plans.
                if let Body::Plan(p) = &record.body {
                    if question_terms(&self.index.tokenizer, &p.name, &[])
                        .iter()
                        .all(|t| t.scaffolding || t.weight <= 0.4)
                    {
                        score -= 0.5;
                    }
                }
                Scored { record, coverage: cov, score }
            })
            .collect();
        // A document the question names by its title is where the answer must come from.
        if !q.documents.is_empty() {
            scored.retain(|c| q.documents.binary_search(&c.record.source.file).is_ok());
        }
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| in_document_order(&a.record, &b.record)));
        if std::env::var_os("PLANBOT_DEBUG").is_some() {
            eprintln!("terms {:?} kinds {kinds:?}", terms.iter().map(|t| (&t.text, t.weight)).collect::<Vec<_>>());
            for c in scored.iter().take(std::env::var("PLANBOT_DEBUG").ok().and_then(|v| v.parse().ok()).unwrap_or(5)) {
                eprintln!("  {:.2} cov {:.2} {} {}", c.score, c.coverage, c.record.body.kind(), c.record.body.name());
            }
        }
        Ok(scored)
    }

    /// The related words of the question and of each of its terms.
    fn related(&self, question: &str, terms: &[Term]) -> Related {
        let mut words: Vec<(String, f32)> = self.synonyms.related(question).into_iter().map(|w| (w, 1.0)).collect();
        let of_term: Vec<Vec<(String, f32)>> = terms
            .iter()
            .map(|t| {
                self.synonyms
                    .expansions(&t.text)
                    .into_iter()
                    .chain(self.synonyms.related_of_part(&t.text, question).into_iter().map(|w| (w, 1.0)))
                    .map(|(w, f)| (matching::compact(&w), f))
                    .filter(|(w, _)| !w.is_empty())
                    .collect()
            })
            .collect();
        for (w, f) in of_term.iter().flatten() {
            if !words.iter().any(|(x, _)| x == w) && !question.contains(w.as_str()) {
                // Near synonyms retrieve less than the word itself would.
                words.push((w.clone(), if *f >= 1.0 { 1.0 } else { 0.5 }));
            }
        }
        Related { words, of_term }
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
    /// the catalog title without municipality and scope, found whole in the question; else a
    /// title the question abbreviates ([`Engine::abbreviated_documents`]).
    /// (file, title as the question spells it) of each document the question names.
    fn named_documents(&self, q: &Question) -> Vec<(String, String)> {
        let named = self.documents_named(q);
        // 「本庄84市行政改革大綱実施計画の…」: of a title every municipality's plan shares, the
        // documents of the municipalities the question names (when it names any of them).
        if q.municipalities.is_empty() {
            return named;
        }
        let theirs: Vec<&str> =
            self.titles.candidates(&q.municipalities).into_iter().map(|k| self.titles.file(k)).collect();
        let own: Vec<(String, String)> =
            named.iter().filter(|(file, _)| theirs.contains(&file.as_str())).cloned().collect();
        if own.is_empty() {
            named
        } else {
            own
        }
    }

    /// [`Engine::named_documents`] of every municipality.
    fn documents_named(&self, q: &Question) -> Vec<(String, String)> {
        let text = matching::compact(&q.text);
        let whole = self.titles.spelled_in(&text);
        if !whole.is_empty() {
            return whole;
        }
        let abbreviated = self.abbreviated_documents(q);
        if !abbreviated.is_empty() {
            return abbreviated;
        }
        self.ordinal_documents(&text, q)
    }

    /// Documents named by their ordinal alone: 「観光客数、第３期で何人？」 asks of the 第３期
    /// 総合戦略 when a title holds 第3期; the ordinal is then no topic word. An ordinal no title
    /// holds (the previous plan's, in a column of this one) names nothing.
    fn ordinal_documents(&self, text: &str, q: &Question) -> Vec<(String, String)> {
        static ORDINAL: Lazy<Regex> = Lazy::new(|| Regex::new(r"第\d+(期|次|版)").unwrap());
        for m in ORDINAL.find_iter(text) {
            let files = self.titles.holding(&q.municipalities, m.as_str());
            if !files.is_empty() {
                return files.into_iter().map(|f| (f, m.as_str().to_string())).collect();
            }
        }
        Vec::new()
    }

    /// Titles the question names by some of their words, in order, ending in a word for a kind
    /// of document: 行革実施計画 (行革 = 行政改革 by Sudachi) names 行政改革大綱実施計画,
    /// 総合戦略 names まち・ひと・しごと創生総合戦略. The longest such run of the question's
    /// morphemes wins; a run of generic words alone (基本計画, 実施計画) names nothing.
    fn abbreviated_documents(&self, q: &Question) -> Vec<(String, String)> {
        const DOCUMENT_WORDS: &[&str] = &["計画", "戦略", "大綱", "プラン", "ビジョン", "方針", "指針", "構想"];
        const GENERIC: &[&str] =
            &["計画", "基本", "総合", "実施", "市", "町", "村", "第", "次", "期", "前期", "後期", "の", "版"];
        let ms = self.index.tokenizer.morphemes(&q.text);
        if ms.len() < 2 {
            return Vec::new();
        }
        // Each morpheme, or the morphemes of a same-word form of it (行革 → 行政 改革).
        let alternatives: Vec<Vec<Vec<String>>> = ms
            .iter()
            .map(|m| {
                let mut alts = vec![vec![m.text.clone()]];
                for w in self.synonyms.same_word(&m.text) {
                    alts.push(self.index.tokenizer.morphemes(&w).into_iter().map(|x| x.text).collect());
                }
                alts
            })
            .collect();
        // (where the run starts and ends in the question, file, the run as spelled)
        let mut runs: Vec<(usize, usize, String, String)> = Vec::new();
        for k in self.titles.candidates(&q.municipalities) {
            let (file, title) = (self.titles.file(k), self.titles.morphemes(k, &self.index.tokenizer));
            // 行革 also stands for this title's 行財政改革: a word cut from its words.
            let mut alternatives = alternatives.clone();
            let same_word: Vec<usize> = alternatives.iter().map(Vec::len).collect();
            for (alts, m) in alternatives.iter_mut().zip(&ms) {
                alts.extend(abbreviated_run(&m.text, title));
            }
            for start in 0..ms.len() {
                let (mut at, mut end, mut abbreviated) = (None, start, false);
                // 「行革の取組」: one word that the dictionary says is the same word as two or more
                // of the title's words in a row (行革 = 行政 改革) names the document by itself.
                let mut lone_same_word = false;
                for alts in &alternatives[start..] {
                    let found =
                        alts.iter().enumerate().find_map(|(k, alt)| Some((k, in_order(title, at.unwrap_or(0), alt)?)));
                    match found {
                        Some((k, next)) => {
                            // A same-word form stands in, or title words are skipped: the
                            // question abbreviates. A title spelled out in part names nothing
                            // (「行財政改革大綱」 is also a topic of its own).
                            let began = next - alts[k].len();
                            lone_same_word = end == start && k > 0 && k < same_word[start] && alts[k].len() >= 2;
                            abbreviated |= k > 0 || at.is_some_and(|a| began > a);
                            at = Some(next);
                            end += 1;
                        }
                        None => break,
                    }
                }
                let run = &ms[start..end];
                // 「木材利用の方針」 of 「木材利用方針」: a particle between the title's words says
                // the title otherwise than it is spelled.
                abbreviated |= run
                    .windows(2)
                    .any(|w| q.text.get(w[0].end..w[1].start).is_some_and(|gap| gap == "の" || gap == "な"));
                let lone = run.len() == 1 && lone_same_word;
                let names_a_document = abbreviated
                    && (lone || run.len() >= 2 && DOCUMENT_WORDS.contains(&run[run.len() - 1].text.as_str()))
                    && run.iter().any(|m| !GENERIC.contains(&m.text.as_str()));
                if !names_a_document {
                    continue;
                }
                let (from, to) = (run[0].start, run[run.len() - 1].end);
                let spelled = q.text.get(from..to).unwrap_or_default().to_string();
                runs.push((from, to, file.to_string(), spelled));
            }
        }
        // The longest run wins, and every run of its length; a run elsewhere in the question
        // names its own document too (「雨水の計画と気候変動の計画」), one inside a longer one none.
        let len = |r: &(usize, usize, String, String)| r.3.chars().count();
        runs.sort_by(|a, b| len(b).cmp(&len(a)).then(a.0.cmp(&b.0)));
        let mut taken: Vec<(usize, usize, usize)> = Vec::new();
        let mut best: Vec<(String, String)> = Vec::new();
        for r in &runs {
            let overlaps =
                taken.iter().any(|&(from, to, l)| r.0 < to && from < r.1 && !(from == r.0 && to == r.1 && l == len(r)));
            if overlaps || best.iter().any(|(f, _)| *f == r.2) {
                continue;
            }
            taken.push((r.0, r.1, len(r)));
            best.push((r.2.clone(), matching::compact(&r.3)));
        }
        best
    }

    /// Every record of these kinds in the documents the question's filters allow
    /// (municipality, named document, edition), in document order.
    fn records_for(&self, q: &Question, kinds: &[&str]) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        // Only the documents of the municipalities named can pass the place filter.
        for d in self.titles.candidates(&q.municipalities).into_iter().map(|k| &self.documents[k]) {
            let place_ok =
                q.municipalities.is_empty() || d.municipality.as_ref().is_some_and(|m| q.municipalities.contains(m));
            let document_ok = q.documents.is_empty() || q.documents.binary_search(&d.file).is_ok();
            let edition_ok = match &q.edition {
                Some(EditionWanted::Named(e)) => d.edition.as_ref() == Some(e),
                _ => true,
            };
            if place_ok && document_ok && edition_ok {
                for kind in kinds {
                    out.extend(self.index.records_in(&d.file, kind, None)?);
                }
            }
        }
        Ok(out)
    }

    /// A passage that names a topic and the lines right after it, as one passage: a table
    /// flattened from a PDF puts a name on one line and its figures on the next ones.
    fn with_following_lines(&self, record: &Record) -> Result<Option<Record>> {
        const REACH: usize = 6;
        let following: Vec<Record> = self
            .index
            .records_in(&record.source.file, "passage", None)?
            .into_iter()
            .filter(|r| r.line > record.line_end && r.line <= record.line_end + REACH)
            .take(3)
            .collect();
        let Some(last) = following.last() else { return Ok(None) };
        let mut joined = record.clone();
        let mut text = match &record.body {
            Body::Passage(p) => p.text.clone(),
            _ => return Ok(None),
        };
        for r in &following {
            if let Body::Passage(p) = &r.body {
                text.push(' ');
                text.push_str(&p.text);
            }
        }
        joined.line_end = last.line_end;
        joined.quote = text.clone();
        joined.body = Body::Passage(crate::ingest::record::Passage { text });
        Ok(Some(joined))
    }

    /// Runs of adjacent nouns in the question: its compounds (行政改革, 職員数).
    /// Why figures read from the text cannot be stated as the answer, when they cannot:
    /// lines that disagree (two figures for the same topic in one plan, or,
    /// with no municipality asked, several municipalities' lines on the topic, some of which
    /// the net could not read). A figure picked from several is as likely wrong as right.
    fn undecided(
        &self,
        q: &Question,
        terms: &[Term],
        related: &Related,
        read: &[Scored],
        looked_at: &[Scored],
    ) -> Option<&'static str> {
        let first = read.first()?;
        let figures = |c: &Scored| match &c.record.body {
            Body::Passage(p) => figures_in(&p.text),
            _ => Vec::new(),
        };
        let place = |c: &Scored| c.record.source.municipality.clone();
        let mine = figures(first);
        // Another plan of the same place may well set another figure (the previous plan's):
        // the edition asked decides between plans, not the lines of one.
        let same_plan = |c: &Scored| c.record.source.file == first.record.source.file;
        if read.iter().skip(1).any(|c| same_plan(c) && !figures(c).iter().any(|f| mine.contains(f))) {
            return Some("lines of one plan disagree");
        }
        if !q.municipalities.is_empty() || !q.documents.is_empty() {
            return None;
        }
        if read.iter().any(|c| place(c) != place(first)) {
            return Some("several municipalities");
        }
        // A line of another place that names the topic right before a number (a table whose
        // unit stands in its header) may be the one meant.
        let unread_elsewhere = looked_at.iter().any(|c| {
            let Body::Passage(p) = &c.record.body else { return false };
            let chars: Vec<char> = matching::compact(&p.text).chars().collect();
            place(c) != place(first)
                && (0..chars.len()).filter(|&i| number_starts(&chars, i)).any(|i| {
                    let before: String = chars[i.saturating_sub(40)..i].iter().collect();
                    net_coverage(terms, related, &before) >= MIN_COVERAGE
                        && covers_topic(terms, &related.of_term, &before)
                })
        });
        unread_elsewhere.then_some("another municipality's line on the topic")
    }

    /// A row of a table the reader did not read, whose figures get their roles from the
    /// table's header above it (「| 指標名 | 単位 | 現状値 | 目標値 |」): the quote is the header
    /// and the row, so the reader sees which column the figure stands in. `None` when the row
    /// is not under such a header, does not hold what is asked, or has no cell of the kind.
    fn header_figure(
        &self,
        intent: Intent,
        q: &Question,
        terms: &[Term],
        related: &Related,
        verbs: &[String],
        record: &Record,
    ) -> Result<Option<String>> {
        const REACH: usize = 8;
        // Cells between pipes, or (a row the reader quoted without its pipes, a table aligned
        // by spaces) between runs of white space.
        let cells = |line: &str| -> Vec<String> {
            let line = normalize::text(line);
            if line.contains('|') {
                line.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect()
            } else {
                line.split_whitespace().map(str::to_string).collect()
            }
        };
        // Only a one-line row of cells holding a number is worth reading the lines above for.
        let row_like = record.quote.chars().any(|c| c.is_ascii_digit()) && !record.quote.contains('。');
        if record.line != record.line_end || !row_like {
            return Ok(None);
        }
        let row = cells(&record.quote);
        if row.len() < 3 {
            return Ok(None);
        }
        let is_number = |c: &str| c.chars().next().is_some_and(|d| d.is_ascii_digit());
        let Some(first_figure) = row.iter().position(|c| is_number(c)) else { return Ok(None) };
        let name = matching::compact(&row[..first_figure].join(" "));
        // 「創業件数」 is not the row 「創業相談の件数」, which holds its words apart.
        if coverage(terms, &name, "") < MIN_COVERAGE
            || !holds_what_is_asked(terms, related, verbs, &name)
            || holds_apart(&name, &q.compounds)
        {
            return Ok(None);
        }
        // The nearest line above that heads the same columns with a baseline and a target.
        let above = self.index.records_in(&record.source.file, "passage", None)?;
        let header = above
            .iter()
            .rev()
            .filter(|r| r.line < record.line && r.line + REACH >= record.line)
            .map(|r| (r, cells(&r.quote)))
            .find(|(_, h)| h.len() == row.len() && (h.iter().any(|c| c.contains("目標")) || yearly_header(h)));
        let Some((_, header)) = header else { return Ok(None) };
        // A yearly header with no 目標 column (「現状値 | R6 | … | R10」): its last year is the
        // target, and a year the question names is that year's target.
        let last_year = (!header.iter().any(|c| c.contains("目標")))
            .then(|| (0..header.len()).rev().find(|&j| is_year_cell(&header[j])))
            .flatten();
        let unit_column = header.iter().position(|h| h == "単位");
        let unit = |j: usize| {
            let own: String =
                row[j].trim_start_matches(|c: char| c.is_ascii_digit() || ",.".contains(c)).trim().to_string();
            if own.is_empty() {
                unit_column.map(|u| row[u].clone()).unwrap_or_default()
            } else {
                own
            }
        };
        let role = |j: usize| {
            let h = header[j].as_str();
            let year_asked = !q.years.is_empty() && is_year_cell(h) && years_match(&q.years, h);
            if h.contains("目標") || last_year == Some(j) || (last_year.is_some() && year_asked) {
                Role::Target
            } else if BASELINE_WORDS.iter().any(|w| h.contains(w)) {
                Role::Baseline
            } else {
                Role::Unmarked
            }
        };
        let asks_rate = q.text.contains('率') || q.text.contains("割合") || q.text.contains('%');
        let asked_forms = q.asks_quantity.as_deref().filter(|u| !u.is_empty()).map(unit_forms);
        let fits = |j: usize| {
            let u = unit(j);
            let unit_ok = match &asked_forms {
                Some(forms) => forms.iter().any(|f| u.starts_with(f.as_str())),
                None => !asks_rate || u.starts_with('%') || u.starts_with("ポイント"),
            };
            let year_ok = q.years.is_empty() || years_match(&q.years, &header[j]);
            is_number(&row[j]) && unit_ok && year_ok
        };
        let wanted: &[Role] = match intent {
            Intent::Target => &[Role::Target],
            Intent::Current => &[Role::Baseline],
            Intent::Both => &[Role::Baseline, Role::Target],
            _ => return Ok(None),
        };
        let found = wanted.iter().all(|w| (0..row.len()).any(|j| role(j) == *w && fits(j)));
        if !found {
            return Ok(None);
        }
        Ok(Some(format!("{} ／ {}", header.join(" | "), row.join(" | "))))
    }

    /// The question's own verbs written with a kanji, each from its first kanji on (住み続け,
    /// 買い取っ). Verbs every sentence uses (見る, 行う) say nothing of what is asked.
    fn own_verbs(&self, text: &str) -> Vec<Vec<char>> {
        let verb = |m: &crate::index::tokenizer::Morpheme| {
            let mut pos = m.pos.split(',');
            pos.next() == Some("動詞") && pos.next() == Some("自立")
        };
        let from_kanji = |m: crate::index::tokenizer::Morpheme| {
            let chars: Vec<char> = m.text.chars().collect();
            let k = chars.iter().position(|c| normalize::is_kanji(*c))?;
            (!matching::COMMON_VERB_STEMS.contains(&chars[k])).then(|| chars[k..].to_vec())
        };
        self.index.tokenizer.morphemes(text).into_iter().filter(verb).filter_map(from_kanji).collect()
    }

    /// The stems of the question's own verbs (住み, 続け, 思っ): a verb written with a kanji,
    /// cut to that kanji and the kana after it, as a text says it in another form (住み続ける).
    /// Verbs of asking (目指す, 増やす) say what kind of figure is wanted, not what it is about.
    fn verb_stems(&self, text: &str) -> Vec<String> {
        const ASKING: &[&str] = &["目指", "増や", "減ら", "教え", "知り", "思い", "予定", "考え"];
        let mut out: Vec<String> = Vec::new();
        for verb in self.own_verbs(text) {
            let stem: String = verb.iter().take(2).collect();
            if stem.chars().count() == 2 && !ASKING.contains(&stem.as_str()) && !out.contains(&stem) {
                out.push(stem);
            }
        }
        out
    }

    /// The kanji of the question's own verbs, okurigana left out (買い取っ → 買取, 貸す → 貸), as
    /// a plan names the work with them (買取り, 転貸). The verbs of asking say nothing of the work.
    fn verb_kanji(&self, text: &str) -> Vec<String> {
        const ASKING: &[&str] = &["目指", "教", "知", "思", "考", "予定"];
        let mut out: Vec<String> = Vec::new();
        for verb in self.own_verbs(text) {
            let kanji: String = verb.into_iter().filter(|c| normalize::is_kanji(*c)).collect();
            if !ASKING.contains(&kanji.as_str()) && !out.contains(&kanji) {
                out.push(kanji);
            }
        }
        out
    }

    /// The rates a question names by the word before 率 (「子どもの貧困率」 → 貧困率).
    fn rates(&self, text: &str) -> Vec<String> {
        self.noun_runs(text)
            .into_iter()
            .filter_map(|run| {
                let [.., before, last] = run.as_slice() else { return None };
                // 「耐震化率」: the rate of a process (…化) a plan may name by what it reaches
                // (耐震適合率); only that it is a rate is asked.
                let process = before.text == "化" && before.pos.contains("接尾");
                (last.text == "率" && before.is_topic_noun() && !process && before.end == last.start)
                    .then(|| matching::compact(&format!("{}率", before.text)))
            })
            .collect()
    }

    fn noun_runs(&self, text: &str) -> Vec<Vec<Morpheme>> {
        let mut runs: Vec<Vec<Morpheme>> = Vec::new();
        let mut run: Vec<Morpheme> = Vec::new();
        for m in self.index.tokenizer.morphemes(text) {
            let glued = run.last().is_some_and(|p: &Morpheme| p.end == m.start);
            if !m.pos.starts_with("名詞") || !glued {
                if run.len() >= 2 {
                    runs.push(std::mem::take(&mut run));
                }
                run.clear();
            }
            if m.pos.starts_with("名詞") {
                run.push(m);
            }
        }
        if run.len() >= 2 {
            runs.push(run);
        }
        runs
    }

    /// The measure a question asks for when its whole topic is one compound ending in a word of
    /// quantity: 「職員数は何人にする予定？」 asks for 職員数, which 職員提案の提案数 is not.
    fn measure_compound(&self, text: &str, terms: &[Term]) -> Option<String> {
        const QUANTITY: &[&str] = &["数", "率", "件数", "人数", "者数", "割合", "回数", "比率", "額", "量"];
        self.noun_runs(text).into_iter().find_map(|run| {
            let compound = text.get(run[0].start..run[run.len() - 1].end)?;
            let ends_in_quantity = QUANTITY.contains(&run[run.len() - 1].text.as_str());
            let holds_topic = !terms.is_empty() && terms.iter().all(|t| compound.contains(t.text.as_str()));
            (ends_in_quantity && holds_topic).then(|| matching::compact(compound))
        })
    }

    /// Compounds of two topic words or more (行政改革, コンビニ交付): a record that holds the
    /// words apart (行政サービス改革) is about something else.
    fn topic_compounds(&self, text: &str, terms: &[Term]) -> Vec<Vec<String>> {
        self.noun_runs(text)
            .into_iter()
            .filter_map(|run| {
                let topical: Vec<String> = run
                    .iter()
                    .filter(|m| terms.iter().any(|t| t.text == m.text && !t.scaffolding))
                    .map(|m| m.text.clone())
                    .collect();
                (topical.len() >= 2).then_some(topical)
            })
            .collect()
    }

    /// 「放課後児童クラブの実施場所」: two compounds joined by の, the second saying what is asked
    /// about the first. Its topic words, so that a record about the first compound's other
    /// measure (its 待機児童数) is not given as the answer.
    fn head_compound(&self, text: &str, terms: &[Term]) -> Vec<String> {
        const ANSWER_KINDS: &[&str] = &[
            "目標", "基準", "現状", "実績", "見込", "担当", "所管", "主管", "満足", "期間", "取組", "推移", "年度",
            "年次", "ごと", "内訳", "一覧", "状況",
        ];
        let runs = self.noun_runs(text);
        runs.windows(2)
            .filter(|w| text.get(w[0][w[0].len() - 1].end..w[1][0].start) == Some("の"))
            .filter_map(|w| {
                let topical = |run: &[Morpheme]| -> Vec<String> {
                    run.iter()
                        .filter(|m| terms.iter().any(|t| t.text == m.text && !t.scaffolding))
                        .map(|m| m.text.clone())
                        .collect()
                };
                let (of, head) = (topical(&w[0]), topical(&w[1]));
                // 「…の基準値と目標値」「…の担当課」「…の年度ごとの目標」 name what kind of answer is
                // wanted, not a measure.
                let compound: String = w[1].iter().map(|m| m.text.as_str()).collect();
                let asks_kind = compound.ends_with('値') || ANSWER_KINDS.iter().any(|k| compound.contains(k));
                (!of.is_empty() && !head.is_empty() && !asks_kind).then_some(head)
            })
            .next_back()
            .unwrap_or_default()
    }

    /// Whether the record speaks of another scope than the question (synonyms.toml `[[apart]]`):
    /// the city office's own emissions for the whole city's, 量の見込み for 確保方策.
    fn other_scope(&self, q: &Question, record: &Record) -> bool {
        let own = match &record.body {
            Body::Indicator(i) => format!("{}{}", i.name, i.description.as_deref().unwrap_or("")),
            Body::Measure(m) => format!("{}{}", measure_name(record, m), m.content.as_deref().unwrap_or("")),
            Body::Passage(p) => p.text.clone(),
            _ => return false,
        };
        self.synonyms.scope_apart(&matching::compact(&q.text), &matching::compact(&own))
    }

    /// Whether a record that matches the question's words answers what it asks.
    fn fits(&self, intent: Intent, q: &Question, terms: &[Term], related: &Related, record: &Record) -> bool {
        if self.other_scope(q, record) {
            return false;
        }
        // 「県全体の漁業生産額」: another body's figure, unless the question asks about that body.
        if let Body::Indicator(i) = &record.body {
            if names_another_body(&i.name) && !q.text.contains(['県', '国']) {
                return false;
            }
        }
        // A row whose target is for a year before the plan begins is an earlier plan's (a
        // follow-up table of the previous plan): neither its target nor its baseline is what
        // this plan aims at or starts from.
        if let (Body::Indicator(i), Intent::Current | Intent::Target | Intent::Both) = (&record.body, intent) {
            if i.target.as_ref().and_then(|t| t.year.as_ref()).is_some_and(|y| before_the_plan(record, y.fiscal)) {
                return false;
            }
        }
        // The period of an earlier plan (「第2次計画の期間は令和2年度から令和6年度まで」) is not
        // this plan's.
        // Unless the question names that plan (a related plan listed with its own period).
        if let (Body::Plan(p), Intent::Period) = (&record.body, intent) {
            let years = p.period.as_deref().map(crate::ingest::value::years_in).unwrap_or_default();
            let named = matching::compact(&q.text).contains(&matching::compact(&p.name));
            if !named && years.last().is_some_and(|y| before_the_plan(record, y.fiscal)) {
                return false;
            }
        }
        if let (Body::Indicator(i), Intent::Target | Intent::Both) = (&record.body, intent) {
            // 「令和8年度の中間目標」 of an indicator whose only target is for 令和12年度: the plan
            // sets no figure for the year asked.
            let years: Vec<i32> = [&i.baseline, &i.target]
                .into_iter()
                .flatten()
                .chain(&i.yearly)
                .filter_map(|v| v.year.as_ref())
                .map(|y| y.fiscal)
                .collect();
            let dated = i.target.as_ref().is_some_and(|t| t.year.is_some());
            if dated && !q.years.is_empty() && !q.years.iter().any(|y| years.contains(&y.fiscal)) {
                return false;
            }
            // 「目標値 ―」「●●%」, or no target cell at all: the row sets no target, so it cannot
            // answer what the target is, unless the plan says so itself (a note: 目標は設定しない).
            let unset = i.target.as_ref().is_some_and(no_value) || i.target.is_none() && i.note.is_none();
            if intent == Intent::Target && unset && asked_year_value(q, i).is_none() {
                return false;
            }
        }
        // 「第二次計画（平成22年策定、目標年次 令和２年）は…廃止します」: a text about an earlier
        // edition whose every year is before the plan begins tells of that plan, not when this
        // one runs.
        if let (Body::Passage(p), Intent::Period) = (&record.body, intent) {
            let years = crate::ingest::value::years_in(&p.text);
            // (Unless an edition, a year or when a plan was made is asked: 「第2次大綱はいつ策定？」.)
            let asks_the_past =
                q.edition.is_some() || !q.years.is_empty() || ["策定", "作"].iter().any(|w| q.text.contains(w));
            if !asks_the_past
                && EARLIER_EDITION.is_match(&p.text)
                && !years.is_empty()
                && years.iter().all(|y| before_the_plan(record, y.fiscal))
            {
                return false;
            }
        }
        // 「町全体の実雇用率」「市税全体の収納率」: a row of one part (「…(町長部局)」
        // 「…(現年課税分)」) is not the whole asked for.
        if let Body::Indicator(i) = &record.body {
            if q.text.contains("全体") && names_a_part(&i.name) {
                return false;
            }
            // 「中学校で…先生の割合」 of a row of 「…(小中学校全体)」: the whole of what the
            // question names a part of (中学校 said only inside 小中学校).
            if !q.text.contains("全体") && covers_the_part(&i.name, terms) {
                return false;
            }
        }
        match (&record.body, intent) {
            // (A word said in the plan's words counts: ソーラー for 太陽光, by synonyms.toml.)
            (Body::Indicator(i), Intent::Department) => {
                let own = matching::compact(&i.name);
                names_the_item(terms, related, &own, record) && !holds_apart(&own, &q.compounds)
            }
            // The compound asked for must be the record's own measure, most of it; and in 「AのB」
            // the indicator must say something of B.
            (Body::Indicator(i), _) => {
                // A target stated in a sentence often leaves its subject to the heading above:
                // 「(1)放課後児童クラブ」 then 「実施か所数は…7施設に増やします」.
                let heading = match i.category.as_str() {
                    "目標" => record.section.path.last().map(String::as_str).unwrap_or(""),
                    _ => "",
                };
                let own = matching::compact(&format!("{}{}{heading}", i.name, i.description.as_deref().unwrap_or("")));
                // B said in the plan's words counts (実施場所 → 実施か所数, by synonyms.toml), and so
                // does a rate (貧困率 → the synonym's 率): 「貧困率」 is not answered by a 進学率.
                let says_with = |word: &str, suffix: &str| {
                    own.contains(&format!("{word}{suffix}"))
                        || self.synonyms.expansions(word).iter().any(|(x, f)| {
                            let x = matching::compact(x);
                            *f >= 1.0 && !x.is_empty() && own.contains(&format!("{x}{suffix}"))
                        })
                };
                let says = |w: &String| says_with(w, "");
                // (Or as the share of those who do it: 受診率 in 「…を受診した人の割合」.)
                let rate_said = |rate: &String| {
                    rate.strip_suffix('率').is_some_and(|before| {
                        says_with(before, "率")
                            || own.contains("割合") && before.chars().count() >= 2 && says(&before.to_string())
                    })
                };
                // 「寄附額」 asked of a row of 「寄附件数」: the amount is another figure of the same
                // thing (額 money, 量 a quantity, 費 a cost).
                let amount_unsaid = q.compounds.iter().any(|c| match c.split_last() {
                    Some((last, before)) if AMOUNTS.contains(&last.as_str()) && !before.is_empty() => {
                        own.contains(&before.concat()) && !says(last)
                    }
                    _ => false,
                });
                // 「人口の目標」 of a row of 「人口密度」: a word of the question that the name only
                // says as the first part of another measure (密度, 率, 増減 of it) is not the figure
                // asked for, unless the question asks that measure too.
                let other_measure = only_mentioned(terms, &own, |_, end| {
                    OTHER_MEASURES.iter().any(|m| own[end..].starts_with(m) && !q.text.contains(m))
                });
                // 「消防団員は何人？」 of a row of 「女性消防団員数」: a word that narrows the topic
                // to a part of it, written right before it and not asked, makes another figure.
                // So does an age group (「40歳代の特定健診受診率」) whose age the question does not
                // name (「40代の」 names it).
                let narrowed = only_mentioned(terms, &own, |start, _| {
                    let before = own[..start].trim_end_matches('の');
                    let age_unasked = AGE_GROUPS.iter().any(|w| {
                        before.strip_suffix(w).is_some_and(|age| {
                            // The digits the age ends with (「40」 of 「…40歳代」).
                            let digits = &age[age.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
                            !digits.is_empty() && !q.text.contains(digits)
                        })
                    });
                    SUBSET_WORDS.iter().any(|w| before.ends_with(w) && !q.text.contains(w)) || age_unasked
                });
                // The indicator's own words must say something of what was asked: a heading
                // above it (「関係人口の創出」 over 「コワーキングスペースの利用者数」) does not make it
                // a figure of 人口. (A question that names no topic, only a section — 「施策6-3の
                // 目標値は？」 — has nothing for the name to say.)
                let topical =
                    terms.iter().any(|t| !t.scaffolding && t.text.chars().any(|c| c.is_alphabetic() && !c.is_ascii()));
                // 「町債の残高」 of a row of 「財政調整基金の残高」: the name says only the measure
                // (残高, 割合, 件数 …), none of what it is of: another thing's figure.
                // (The words are vocabulary: `[asking] measures`.)
                let measures = &crate::ingest::roles::active().measure_words;
                let said: Vec<&Term> = terms.iter().filter(|t| !t.scaffolding && !t.loose && says(&t.text)).collect();
                let measure_only = !said.is_empty()
                    && said.iter().all(|t| measures.contains(&matching::compact(&t.text)))
                    && terms.iter().any(|t| !t.scaffolding && !t.loose && !says(&t.text));
                (!topical || net_coverage(terms, related, &own) > 0.0)
                    && !measure_only
                    && !amount_unsaid
                    && !narrowed
                    && !other_measure
                    && q.measure.as_ref().is_none_or(|m| matching::name_recall(&own, m) >= 0.75)
                    && (q.head.is_empty() || q.head.iter().any(says))
                    && (q.rates.is_empty() || q.rates.iter().any(rate_said))
            }
            // A department answers for what its own item says, not for the plan's title: 行政改革
            // in 「行政改革大綱実施計画」 does not make every item's 実行課 the one in charge of it.
            (Body::Measure(m), Intent::Department) => {
                // 「水道課が担当する計画は？」 names the department itself.
                let own = matching::compact(&format!(
                    "{} {} {} {}",
                    measure_name(record, m),
                    m.area.as_deref().unwrap_or(""),
                    m.content.as_deref().unwrap_or(""),
                    m.departments.join(" ")
                ));
                names_the_item(terms, related, &own, record) && !holds_apart(&own, &q.compounds)
            }
            // 「空き家率は？」 asks for a figure: an item of what is done (its 補助率 aside) states none.
            (Body::Measure(_), Intent::Lookup) if !q.rates.is_empty() => false,
            // A figure asked for (「…はどれくらい？」「…率は？」) is not answered by a line that holds
            // none (a chart's caption), nor a rate by a line that says another rate (回収率).
            (Body::Passage(p), intent)
                if matches!(intent, Intent::Current | Intent::Target | Intent::Both | Intent::Satisfaction)
                    || intent == Intent::Lookup && (q.asks_quantity.is_some() || !q.rates.is_empty()) =>
            {
                let own = matching::compact(&p.text);
                // 「図3 …の割合(%)」: the number of a chart is no figure of it.
                let numbered = crate::ingest::prose::is_caption(&own);
                let figures = own.matches(|c: char| c.is_ascii_digit()).count();
                let chart_number = if numbered {
                    own.split(|c: char| !c.is_ascii_digit()).find(|d| !d.is_empty()).map_or(0, str::len)
                } else {
                    0
                };
                // 「人口何人？」 asks what is: a passage whose every clause with a figure in the unit
                // asked projects it (「人口は令和12年度に14,220人と見込んでいます」) does not say.
                // (「犬の登録頭数は21,684頭、猫は推計で約18,000頭です」 says of the dogs.)
                let projected_only = || {
                    let unit = q.asks_quantity.as_deref().unwrap_or_default();
                    let stated: Vec<&str> = p.text.split(['。', '、']).filter(|s| has_figure(s, unit)).collect();
                    !stated.is_empty() && stated.iter().all(|s| projects(s))
                };
                let asks_projection = || PROJECTING.iter().any(|w| q.text.contains(w)) || !q.years.is_empty();
                figures > chart_number
                    && (intent != Intent::Lookup
                        || q.rates.is_empty()
                        || q.rates.iter().any(|r| own.contains(r.as_str())))
                    && !(intent == Intent::Lookup
                        && q.asks_quantity.is_some()
                        && !asks_projection()
                        && projected_only())
            }
            _ => true,
        }
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

    /// The question's words as Should clauses, one term query each (in name, body, section and
    /// their bigrams), with the section numbers and years it names.
    fn topic_clauses(&self, q: &Question, terms: &[Term], related: &Related) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.index.fields;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut add = |field, text: &str, boost: f32| {
            let term = TantivyTerm::from_field_text(field, text);
            let tq: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            should.push((Occur::Should, Box::new(BoostQuery::new(tq, boost))));
        };
        // Terms are morphemes mostly; related words from the synonym file are analysed here.
        // A number joined to its counter (6章, 3号) is two morphemes in the index, and so is a
        // phrase taken as one word (住み続け: 住み|続け), searched by its morphemes too.
        let mut words: Vec<(String, f32)> = Vec::new();
        for t in terms {
            let weight = t.weight.max(0.3);
            if t.text.starts_with(|c: char| c.is_ascii_digit()) && !t.text.chars().all(|c| c.is_ascii_digit()) {
                words.extend(self.index.tokenizer.morphemes(&t.text).into_iter().map(|m| (m.text, weight)));
            } else {
                words.push((t.text.clone(), weight));
                let parts = self.index.tokenizer.morphemes(&t.text);
                if parts.len() > 1 {
                    words.extend(parts.into_iter().map(|m| (m.text, weight / 2.0)));
                }
            }
        }
        for (r, weight) in &related.words {
            words.extend(self.index.tokenizer.morphemes(r).into_iter().map(|m| (m.text, *weight)));
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
        should
    }

    /// The question's words within its municipalities, of the kinds asked: the filters are Must
    /// clauses made and aligned first, so a segment without the municipality builds no scorer
    /// for the words, and the words (at least one must match) are only looked up near the
    /// municipality's records.
    fn query(&self, q: &Question, terms: &[Term], related: &Related, kinds: &[&str]) -> Box<dyn Query> {
        let f = &self.index.fields;
        let kind_clauses: Vec<(Occur, Box<dyn Query>)> = kinds
            .iter()
            .map(|k| {
                let t = TantivyTerm::from_field_text(f.kind, k);
                (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !q.municipalities.is_empty() {
            let places: Vec<(Occur, Box<dyn Query>)> = q
                .municipalities
                .iter()
                .map(|m| {
                    let t = TantivyTerm::from_field_text(f.municipality, m);
                    (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(places))));
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(kind_clauses))));
        clauses.extend(self.topic_clauses(q, terms, related));
        Box::new(BooleanQuery::with_minimum_required_clauses(clauses, 1))
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
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| in_document_order(&a.record, &b.record)));
        let names_of = |c: &Scored| match &c.record.body {
            Body::Measure(m) => Some(matching::compact(&format!(
                "{} {} {} {}",
                measure_name(&c.record, m),
                m.area.as_deref().unwrap_or(""),
                c.record.section.label(),
                c.record.section.path.join(" ")
            ))),
            _ => None,
        };
        let Some(mut best) = candidates.iter().find(|c| c.coverage >= MIN_COVERAGE) else { return Ok(Vec::new()) };
        // The best item may share only part of the topic (「学校の施設整備」 and 保育所の施設整備),
        // while another item's own heading holds all of it (「(2)安全で快適な学校施設の整備」):
        // that item answers, in the same document.
        let whole = |c: &Scored| names_of(c).is_some_and(|n| coverage(terms, &n, "") >= 0.99);
        if !whole(best) {
            if let Some(better) = candidates.iter().find(|c| {
                whole(c) && c.record.source.file == best.record.source.file && c.coverage >= MIN_COVERAGE / 2.0
            }) {
                best = better;
            }
        }
        let Body::Measure(m) = &best.record.body else { return Ok(Vec::new()) };
        // 「ごみ処理の取組は？」 names no 施策 or item, only words of one item's text: that item is
        // the answer, not the whole list it stands in.
        let names = names_of(best).unwrap_or_default();
        let topicless = asks_the_whole_list(q, terms);
        if coverage(terms, &names, "") < MIN_COVERAGE && !topicless {
            return Ok(vec![best.record.clone()]);
        }
        // 「鳥獣害対策、何をやるの？」 names one item (鳥獣被害防止総合対策) and not the heading it
        // is listed under: that item is the answer, with what it does, not every item of the
        // list.
        let heading = matching::compact(&format!(
            "{} {} {}",
            m.area.as_deref().unwrap_or(""),
            best.record.section.label(),
            best.record.section.path.join(" ")
        ));
        let own = matching::compact(measure_name(&best.record, m));
        if terms.iter().any(|t| !t.scaffolding)
            && coverage(terms, &heading, "") < MIN_COVERAGE
            && coverage(terms, &own, "") >= MIN_COVERAGE
        {
            return Ok(vec![best.record.clone()]);
        }
        // A question that names no topic but the plan asks for all of its items.
        let section = if m.area.is_some() || topicless { None } else { Some(best.record.section.label()) };
        let subheading = best.record.section.path.last().map(|p| matching::compact(p)).unwrap_or_default();
        let by_subheading = best.record.section.path.len() >= 2
            && coverage(terms, &subheading, "") >= 0.99
            && coverage(terms, &matching::compact(&best.record.section.label()), "") < MIN_COVERAGE;
        // An item that is its own subheading (「(8)経費の削減と収入の確保」 over its text) stands
        // in the list of the subheading above it, beside the items that are theirs.
        let listed_under = |r: &Record| -> Vec<String> {
            let path = &r.section.path;
            let own = match (&r.body, path.last()) {
                (Body::Measure(x), Some(last)) => matching::compact(last).ends_with(&matching::compact(&x.name)),
                _ => false,
            };
            path[..path.len() - usize::from(own)].to_vec()
        };
        let list = listed_under(&best.record);
        let group = self
            .index
            .records_in(&best.record.source.file, "measure", section.as_deref())?
            .into_iter()
            .filter(|r| matches!(&r.body, Body::Measure(x) if x.category == m.category && x.area == m.area))
            // A document whose sections are only subheadings ((1) 栄養 (2) 運動 …) has no 施策 to
            // tell its lists apart: the subheading does.
            .filter(|r| section.as_deref() != Some("") || listed_under(r) == list)
            // Nor when the subheading alone names the topic (「(2)安全で快適な学校施設の整備」).
            .filter(|r| !by_subheading || r.section.path == best.record.section.path)
            .collect();
        Ok(group)
    }
}

/// A word the record lacks counts as found when a related word stands in for it (普及 → 交付):
/// "マイナンバーカードの普及" then matches 交付率 and 申請率 alike. `primary` is compacted.
/// Returns the terms with their stand-ins, and the share of coverage to take off because a
/// stand-in is only a near synonym (年寄り → 高齢者 counts less than 高齢者 itself).
fn with_related(terms: &[Term], related_of: &[Vec<(String, f32)>], primary: &str, secondary: &str) -> (Vec<Term>, f32) {
    let total: f32 = terms.iter().map(|t| t.weight).sum::<f32>().max(1e-6);
    let mut discount = 0.0;
    let terms = terms
        .iter()
        .zip(related_of)
        .map(|(t, related)| {
            // (Held whole in any of its forms: 申し込み as 申込, シカ as ニホンジカ.)
            if t.held_in(primary) >= 1.0 {
                return t.clone();
            }
            // A stand-in in the name first, else one in the surroundings (counted less there).
            let found = related
                .iter()
                .find(|(r, _)| primary.contains(r.as_str()))
                .or_else(|| related.iter().find(|(r, _)| !secondary.is_empty() && secondary.contains(r.as_str())));
            match found {
                Some((r, factor)) => {
                    discount += (1.0 - factor) * t.weight / total;
                    Term::new(r.clone(), t.weight)
                }
                None => t.clone(),
            }
        })
        .collect();
    (terms, discount)
}

/// How much of the topic a stretch of text (compacted) around a figure or a department holds,
/// a stand-in counting for the word it stands for (エアコン held by 空調), at its discount: the
/// same measure a record's name gets, and what [`covers_topic`] already accepts.
/// Coverage of a text that holds every word of the topic.
const FULL_COVERAGE: f32 = 0.99;

/// What a sentence is about: the words before its first は (not a time or a place's: 「令和6年度
/// には」「本市では」), after the last 、 before it (「市の相談のうち、ギャンブル等に関する相談は」
/// → 「ギャンブル等に関する相談」).
fn subject(sentence: &str) -> Option<&str> {
    let (at, _) = sentence.match_indices('は').find(|(at, _)| !sentence[..*at].ends_with(['で', 'に']))?;
    let clause = sentence[..at].rsplit(['、', '。', ',']).next()?.trim();
    (!clause.is_empty()).then_some(clause)
}

/// Whether an item's own words (`own`, compacted) cover what a department question asks, the
/// words of the plan's title aside (see [`coverage_beside_title`]).
fn names_the_item(terms: &[Term], related: &Related, own: &str, record: &Record) -> bool {
    net_coverage(terms, related, own) >= MIN_COVERAGE
        || coverage_beside_title(terms, related, own, &matching::compact(&record.source.title)) >= MIN_COVERAGE
}

/// [`net_coverage`] of the words the plan's title does not hold: 「固定資産税のシステム移行はどこの
/// 課？」 asked of a 「情報システム標準化・共通化移行計画」 is answered by its item 「固定資産税」, the
/// title saying the rest. The item must hold what remains, and something must remain: the title
/// alone (行政改革 of 「行政改革大綱実施計画」) makes no item's department the one asked for.
fn coverage_beside_title(terms: &[Term], related: &Related, own: &str, title: &str) -> f32 {
    let outside: Vec<usize> = (0..terms.len()).filter(|&k| matching::term_match(&terms[k].text, title) < 1.0).collect();
    let topical = |k: &usize| !terms[*k].scaffolding && !terms[*k].loose;
    if outside.len() == terms.len() || !outside.iter().any(topical) {
        return 0.0;
    }
    let kept: Vec<Term> = outside.iter().map(|&k| terms[k].clone()).collect();
    let of_term: Vec<Vec<(String, f32)>> =
        outside.iter().map(|&k| related.of_term.get(k).cloned().unwrap_or_default()).collect();
    net_coverage(&kept, &Related { words: Vec::new(), of_term }, own)
}

fn net_coverage(terms: &[Term], related: &Related, text: &str) -> f32 {
    let (terms, discount) = with_related(terms, &related.of_term, text, "");
    coverage(&terms, text, "") - discount
}

/// Words searched beside the question's own: the staff file's related words of the whole
/// question, and the synonyms of each topic word, compacted.
pub struct Related {
    /// (word, weight in the query).
    pub words: Vec<(String, f32)>,
    /// For each topic term, in order: (stand-in, how much a match through it counts).
    pub of_term: Vec<Vec<(String, f32)>>,
}

/// The text a record is matched on: its name first, then what surrounds it.
pub fn match_texts(record: &Record) -> (String, String) {
    // The headings above a record describe it too (「関連計画」, 「具体的な取組」).
    let section = format!("{} {} {}", record.section.label(), record.section.path.join(" "), record.source.title);
    match &record.body {
        Body::Indicator(i) => {
            // The words a figure is written with (「週9.2回」, 「年間600点」) say what it counts.
            fn before(v: &Option<crate::ingest::value::Value>) -> &str {
                v.as_ref().map_or("", |v| v.raw.split(|c: char| c.is_ascii_digit()).next().unwrap_or("").trim())
            }
            let (b, t) = (before(&i.baseline), before(&i.target));
            let letters = |w: &str| w.chars().all(char::is_alphabetic);
            let said = match (letters(b), letters(t)) {
                (true, true) if b != t => format!("{b} {t}"),
                (_, true) => t.to_string(),
                (true, false) => b.to_string(),
                _ => String::new(),
            };
            (i.name.clone(), format!("{} {said} {} {section}", i.description.as_deref().unwrap_or(""), i.category))
        }
        // (The header of its departments' column too: 「町の担当課」 is what 「町のどの課」 asks.)
        Body::Measure(m) => (
            format!("{} {}", measure_name(record, m), m.area.as_deref().unwrap_or("")),
            format!(
                "{} {} {} {} {section}",
                m.content.as_deref().unwrap_or(""),
                m.departments.join(" "),
                m.department_role.as_deref().unwrap_or(""),
                m.category
            ),
        ),
        Body::Responsibility(r) => (record.section.label(), format!("{} {}", r.role, record.source.title)),
        Body::Satisfaction(s) => (format!("{} {section}", s.item), String::new()),
        // A plan with its period is the answer to 「…の期間は」 itself, not a text that names it.
        Body::Plan(p) if p.period.is_some() => {
            (format!("{} 計画期間", p.name), format!("{} {section}", p.summary.as_deref().unwrap_or("")))
        }
        Body::Plan(p) => (p.name.clone(), format!("{} {section}", p.summary.as_deref().unwrap_or(""))),
        // A count is the number of its things: 「事業数」「施策の数」 name it.
        Body::Count(c) => (format!("{} 数", c.label), format!("{} {section}", c.items.join(" "))),
        Body::Passage(p) => (p.text.clone(), section),
    }
}

/// Whether a name is of another body's figure: the prefecture's or the nation's (「県全体の…」
/// 「全国平均の…」「国の目標…」).
fn names_another_body(name: &str) -> bool {
    let name = matching::compact(name);
    ["県全体", "県内全体", "県の", "県平均", "全国", "国の"].iter().any(|w| name.starts_with(w))
}

/// Words that ask for the whole rather than a part (「全体で被害金額をいくらに」).
const TOTAL_WORDS: &[&str] = &["全体", "合計", "総計", "全部で", "トータル"];

/// Whether an indicator is the row of its table's total: its group or name says so.
fn is_total_row(record: &Record) -> bool {
    const TOTALS: &[&str] = &["合計", "総計", "計", "全体", "市全体", "町全体", "村全体", "全市"];
    let Body::Indicator(i) = &record.body else { return false };
    let said = |t: &str| TOTALS.contains(&matching::compact(t).as_str());
    said(&i.name) || i.description.as_deref().is_some_and(said)
}

/// Whether a value is "no value": a dash or a figure not yet known (―, －, ●●%).
pub fn no_value(v: &Value) -> bool {
    let raw = v.raw.trim();
    v.number.is_none() && (raw.is_empty() || crate::ingest::value::is_placeholder(raw) || refers_elsewhere(raw))
}

/// Ditto marks (〃, 同上: "as in the cell above") and a cell holding only a year (「R11」, a
/// target year that slid into the value column): neither is a figure, and stating one as the
/// target would be a wrong answer.
pub(crate) fn refers_elsewhere(raw: &str) -> bool {
    const DITTO: &[&str] = &["〃", "″", "同上", "\""];
    static ONLY_YEAR: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(?:令和|平成|R|H)(?:元|\d{1,2})(?:年度|年)?$|^(?:19|20)\d{2}(?:年度|年)$").unwrap());
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    DITTO.contains(&compact.as_str()) || ONLY_YEAR.is_match(&compact)
}

/// Whether a fiscal year comes before the period the catalog gives the record's plan
/// (「2025-2029」): a figure for it belongs to an earlier plan.
fn before_the_plan(record: &Record, fiscal: i32) -> bool {
    record.source.first_year().is_some_and(|start| fiscal < start)
}

/// The yearly value of an indicator for the year the question asks about, if it has one.
fn asked_year_value<'a>(q: &Question, i: &'a crate::ingest::record::Indicator) -> Option<&'a Value> {
    q.years.iter().find_map(|y| i.yearly.iter().find(|v| v.year.as_ref().is_some_and(|vy| vy.fiscal == y.fiscal)))
}

/// What a measure is called: its name, or its whole line when the name is only a number
/// (「１－２」, the name cell having gone to another column): a number names nothing.
fn measure_name<'a>(record: &'a Record, m: &'a crate::ingest::record::Measure) -> &'a str {
    if m.name.chars().all(|c| !c.is_alphabetic()) {
        &record.quote
    } else {
        &m.name
    }
}

/// The text a record must hold every topic word in: its name, what surrounds it, and the units
/// of its values (a value in % is a rate).
fn topic_text(record: &Record, primary: &str, secondary: &str) -> String {
    let units = match &record.body {
        Body::Indicator(i) => [&i.baseline, &i.target].into_iter().flatten().map(|v| v.unit.as_str()).collect(),
        Body::Satisfaction(_) => "%".to_string(),
        _ => String::new(),
    };
    format!("{primary}{secondary}{units}")
}

/// 「自治会加入率と防犯ボランティア組織率の目標」 asks for two records. When the best one leaves
/// a good part of the topic uncovered, the record that best covers that remainder answers too.
///
/// A question naming two municipalities may name a topic for each (「朝凪市の地域包括支援センターと
/// 蛍川町の子育て世代包括支援センター」): there a record of the other place answers the words left
/// over however few they are.
fn remainder(
    terms: &[Term],
    related_of: &[Vec<(String, f32)>],
    candidates: &[Scored],
    places: &[String],
) -> Vec<Scored> {
    let Some(best) = candidates.iter().find(|c| c.coverage >= MIN_COVERAGE) else { return Vec::new() };
    let (primary, _) = match_texts(&best.record);
    let primary = matching::compact(&primary);
    // A word the best record holds through a synonym (売上 as 販売額) is not left over.
    let held = |k: usize, t: &Term| {
        primary.contains(&t.text)
            || related_of.get(k).is_some_and(|rs| rs.iter().any(|(r, _)| !r.is_empty() && primary.contains(r.as_str())))
    };
    let left: Vec<Term> = terms.iter().enumerate().filter(|(k, t)| !held(*k, t)).map(|(_, t)| t.clone()).collect();
    let total: f32 = terms.iter().map(|t| t.weight).sum();
    let left_weight: f32 = left.iter().map(|t| t.weight).sum();
    // A one-letter word left over (子 of 不登校の子, when the record says 児童生徒) is no second
    // topic: it is the first one said in other words.
    let other_place = |c: &Scored| {
        places.len() >= 2
            && c.record.source.municipality != best.record.source.municipality
            && c.record.source.municipality.as_ref().is_some_and(|m| places.contains(m))
    };
    if left.iter().all(|t| t.text.chars().count() < 2)
        || left_weight < 0.12 * total && !candidates.iter().any(|c| other_place(c) && c.coverage >= 0.5)
    {
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

/// Whether `text` holds every word of a compound of the question but not the compound:
/// 行政サービス改革 holds 行政 and 改革 apart, and is not about 行政改革.
fn holds_apart(text: &str, compounds: &[Vec<String>]) -> bool {
    // 「全戸に配布」 for 全戸配布, 「マップを作成」 for マップ作成, 「AIによる予約」 for AI予約: the
    // words next to each other with one particle between say the compound in a sentence.
    // (A hyphen writes one word: Wi-Fi.)
    const JOINING: &[&str] = &["", "-", "に", "を", "へ", "で", "の", "による", "への", "での", "との"];
    // 「免許を自主返納」 for 免許返納, 「タクシー利用券」 for タクシー券: after a particle, or before a
    // one-letter suffix, a word of two kanji at most may stand between (not a word of its own,
    // as サービス in 行政サービス改革). The first word may take a one-letter suffix before the
    // particle (「運転免許証を自主返納」).
    let is_particle = |c: char| ['に', 'を', 'へ', 'で', 'の'].contains(&c);
    let with_a_word_between = |a: &str, b: &str| {
        text.match_indices(a).any(|(at, _)| {
            let rest = &text[at + a.len()..];
            let mut next = rest.chars();
            let suffix = match (next.next(), next.next()) {
                (Some(s), Some(p)) if crate::ingest::normalize::is_kanji(s) && is_particle(p) => s.len_utf8(),
                _ => 0,
            };
            let rest = &rest[suffix..];
            let (particle, rest) = match rest.chars().next() {
                Some(c) if is_particle(c) => (true, &rest[c.len_utf8()..]),
                _ => (false, rest),
            };
            // The word between: one or two kanji (none after a suffix), then the second word.
            let kanji = rest.chars().take_while(|c| crate::ingest::normalize::is_kanji(*c)).take(2);
            let mut ends = std::iter::once(0).chain(kanji.scan(0, |end, c| {
                *end += c.len_utf8();
                Some(*end)
            }));
            (particle || b.chars().count() == 1)
                && ends.any(|end| (end > 0 || suffix > 0) && rest[end..].starts_with(b))
        })
    };
    let said_together = |parts: &[String]| {
        parts.windows(2).all(|w| {
            JOINING.iter().any(|j| text.contains(&format!("{}{j}{}", w[0], w[1]))) || with_a_word_between(&w[0], &w[1])
        })
    };
    compounds.iter().any(|parts| {
        let whole: String = parts.concat();
        parts.iter().all(|p| text.contains(p.as_str()))
            && matching::name_recall(text, &whole) < 0.75
            && !said_together(parts)
    })
}

/// Where `words` occur one after another in `title` at or after `from`: the index after them.
/// The run of title words a question word abbreviates, the way Japanese cuts compounds:
/// 行革 from 行|財政|改革 (its first letter opens the run, its last letter ends it, the others
/// are in order between). Words of two or three kanji only, runs of two to four words.
/// Records of equal score in file and line order: tantivy returns ties in the order of the
/// index's segments, which a build on several threads does not fix, so the answer would
/// otherwise depend on how the index happened to be built.
/// Records in the order of their documents' lines; two records of one line (a yearly table's
/// row read twice) by what they say, so that ties never fall to the order the index happened to
/// store them in (which changes from build to build).
fn in_document_order(a: &Record, b: &Record) -> std::cmp::Ordering {
    (&a.source.file, a.line, a.line_end)
        .cmp(&(&b.source.file, b.line, b.line_end))
        .then_with(|| a.quote.cmp(&b.quote))
        .then_with(|| serde_json::to_string(&a.body).ok().cmp(&serde_json::to_string(&b.body).ok()))
}

fn abbreviated_run(word: &str, title: &[String]) -> Option<Vec<String>> {
    let letters: Vec<char> = word.chars().collect();
    let kanji = |c: &char| normalize::is_kanji(*c);
    if !(2..=3).contains(&letters.len()) || !letters.iter().all(kanji) {
        return None;
    }
    let (first, last) = (letters[0], letters[letters.len() - 1]);
    for i in (0..title.len()).filter(|&i| title[i].starts_with(first)) {
        for j in i + 2..=(i + 4).min(title.len()) {
            let run = title[i..j].concat();
            if !title[j - 1].ends_with(last) {
                continue;
            }
            let mut rest = run.chars();
            if letters.iter().all(|c| rest.any(|r| r == *c)) {
                return Some(title[i..j].to_vec());
            }
        }
    }
    None
}

fn in_order(title: &[String], from: usize, words: &[String]) -> Option<usize> {
    if words.is_empty() {
        return None;
    }
    (from..title.len()).find_map(|i| {
        let end = i + words.len();
        (title.get(i..end)? == words).then_some(end)
    })
}

/// Whether a passage states a figure of the kind asked: a value (a number with a unit or a
/// percentage) and, for a target, a year or a word of aiming (目標, までに, 増やします…).
fn states_figure(intent: Intent, q: &Question, record: &Record) -> bool {
    let Body::Passage(p) = &record.body else { return false };
    let text = &p.text;
    if !has_value(text) {
        return false;
    }
    // 「令和8年度の中間目標」: text about other years does not state it.
    if !q.years.is_empty() && !years_match(&q.years, text) {
        return false;
    }
    // A rate is stated in % (or 割).
    let asks_rate = q.text.contains('率') || q.text.contains("割合") || q.text.contains('%');
    if asks_rate && !text.contains('%') && !text.contains('割') {
        return false;
    }
    match intent {
        Intent::Target => aims_at_a_figure(text),
        Intent::Current => {
            ["現在", "現状", "時点", "実績", "現況"].iter().any(|w| text.contains(w))
                || !crate::ingest::value::years_in(text).is_empty()
        }
        // A survey result told in a sentence: 「『満足』と答えた人の割合は、…公共交通が28.9%」.
        Intent::Satisfaction => text.contains("満足") && text.contains('%'),
        _ => true,
    }
}

/// Words for the end of a plan's time: asked with いつ of a plan named and nothing else, they ask
/// for its period.
const PLAN_TIME_WORDS: &[&str] = &["目標年度", "最終年度", "終了年度", "目標年次", "計画期間"];

/// Moments within a plan's period that people ask the date of (「見直しっていつ？」; 中間 of
/// 中間評価, 中間年, 「中間の点検」).
const PLAN_MOMENTS: &[&str] = &["見直", "中間", "改定", "改訂"];

/// Whether the question asks for an edition by its number (「１期目」「第2次」) that the plan's
/// name does not carry.
fn asks_another_edition(question: &str, plan: &str) -> bool {
    static EDITION: Lazy<Regex> = Lazy::new(|| Regex::new(r"(\d{1,2})\s*[期次]").unwrap());
    let number = |text: &str| EDITION.captures(&normalize::text(text)).map(|c| c[1].to_string());
    number(question).is_some_and(|asked| number(plan).is_none_or(|own| own != asked))
}

/// Whether a question names no topic but the plan (「病院経営強化プラン、どんな取組があるの？」,
/// its title's words taken out): it asks for the plan's whole list of items. Not a count: a plan
/// may list its main items only, and say the total.
fn asks_the_whole_list(q: &Question, terms: &[Term]) -> bool {
    terms.iter().all(|t| t.scaffolding) && !q.intents.contains(&Intent::Count)
}

/// The moment within a plan (見直し, 中間評価 …) whose date the question asks, if any.
fn moment_asked(q: &Question) -> Option<&'static str> {
    PLAN_MOMENTS.iter().copied().find(|w| q.text.contains(w))
}

/// Whether `text` gives the moment `word` (見直, 中間評価) its year in the same clause: 「令和10年度
/// に見直します」「おおむね５年ごと（令和12年度）に見直します」「見直しは令和10年度に行います」. A 見直し
/// of something else with a date further on (「窓口の見直しと事務のデジタル化により、令和12年4月1日
/// の職員数を…」) dates nothing.
fn dates_the_moment(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before: String = text[..at].chars().rev().take_while(|c| !"。、,".contains(*c)).take(24).collect();
        let before: String = before.chars().rev().collect();
        let after: String = text[at + word.len()..].chars().take_while(|c| !"。、,".contains(*c)).take(24).collect();
        [before, after].iter().any(|clause| !crate::ingest::value::years_in(clause).is_empty())
    })
}

/// Words that ask how many of something there are (「いくつに増やす」「…の数」), not what share.
/// 「目標はいくつ？」 asks for the figure, whatever it counts.
const COUNT_CUES: &[&str] =
    &["いくつに", "いくつまで", "いくつある", "幾つ", "何個", "の数", "件数", "人数", "回数", "者数"];
/// Words that ask for a share, which a count does not answer either way.
const SHARE_CUES: &[&str] = &["率", "割合", "%", "パーセント", "何割", "ポイント"];

/// Whether a question counts the plan's own items or parts: it says a word for them
/// (`[counts] nouns` of the vocabulary: 施策, 事業, 取組, 指標 …; 取り組み as 取組).
fn counts_items(q: &Question) -> bool {
    let text = q.text.replace("取り組", "取組");
    crate::ingest::roles::active().count_nouns.iter().any(|n| text.contains(n.as_str()))
}

/// Whether an indicator's name ends by naming the part it counts in brackets: 「…(町長部局)」
/// 「…(現年課税分)」, not a unit (「(%)」), a span or a way of counting (「(年間)」「(累計)」).
fn names_a_part(name: &str) -> bool {
    let Some(part) = crate::ingest::value::closing_bracket(name) else { return false };
    const WHOLE: &[&str] = &["年間", "年度", "累", "計", "延", "全体", "平均", "当たり", "あたり", "%"];
    part.chars().count() >= 2
        && !UNITS.contains(&part)
        && !part.contains(|c: char| c.is_ascii_digit())
        && !WHOLE.iter().any(|w| part.contains(w))
}

/// Whether the name's closing bracket says it is a whole (「小中学校全体」) that a topic word
/// stands in only as a part of a longer word (中学校 in 小中学校).
fn covers_the_part(name: &str, terms: &[Term]) -> bool {
    let Some(part) = crate::ingest::value::closing_bracket(name).filter(|p| p.contains("全体")) else {
        return false;
    };
    terms.iter().filter(|t| !t.scaffolding && !t.loose).any(|t| {
        let mut at = part.match_indices(t.text.as_str()).peekable();
        at.peek().is_some()
            && at.all(|(k, _)| part[..k].chars().next_back().is_some_and(crate::ingest::normalize::is_kanji))
    })
}

/// Words after one of a unit that make it a rate per that unit (「1人当たり」「1地区につき」).
const PER_UNIT: &[&str] = &["当たり", "あたり", "につき"];

/// Whether a topic word of the question (no scaffolding, no loose word) stands in `own` and
/// every place it stands is as `as_other(start, end)` says: only as a part of something else.
fn only_mentioned(terms: &[Term], own: &str, as_other: impl Fn(usize, usize) -> bool) -> bool {
    terms.iter().filter(|t| !t.scaffolding && !t.loose).any(|t| {
        let mut at = own.match_indices(t.text.as_str()).peekable();
        at.peek().is_some() && at.all(|(k, w)| as_other(k, k + w.len()))
    })
}

/// Words that, right before a topic's word, narrow it to a part (女性|消防団員, 高齢|就業者):
/// a figure of that part is not the whole's.
const SUBSET_WORDS: &[&str] = &["女性", "男性", "若年", "若者", "高齢", "外国人"];

/// Endings of an age group before a topic's word (「40歳代の」「65歳以上の」): a part of the whole.
const AGE_GROUPS: &[&str] = &["歳代", "歳以上", "歳未満", "歳以下"];

/// Words right before a figure that say which figure it is, not what it counts (年間, 累計, 目標).
const FIGURE_WORDS: &[&str] =
    &["年間", "累計", "目標", "目標値", "現状", "現状値", "合計", "総計", "延べ", "平均", "毎年", "計"];

/// An earlier edition of a plan named in a text: 「第二次計画」「第2期計画」「前計画」「改定前」.
static EARLIER_EDITION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"第[0-9一二三四五六七八九十]+[次期](?:計画|戦略|大綱|プラン)|前計画|旧計画|改定前").unwrap()
});

/// Measures of a thing written right after it (人口|密度, 人口|増減率): another figure than
/// the thing's own count.
const OTHER_MEASURES: &[&str] = &["密度", "増減", "増加率", "減少率", "構成比", "比率"];

/// The last word of a compound that makes it an amount of the thing before (寄附|額, ごみ|量).
const AMOUNTS: &[&str] = &["額", "量", "費"];

/// Whether a unit measures an amount (time, money, size, weight) rather than counting things:
/// 「時間」「万円」「ha」「t-CO2」 are not what 「いくつ」 asks for; 「件/年」「か所」 are.
fn measured(unit: &str) -> bool {
    const MEASURES: &[&str] =
        &["時間", "分", "秒", "円", "歳", "m2", "㎡", "ha", "km", "m", "kg", "t", "倍", "%", "割", "ポイント"];
    let unit = crate::ingest::value::base_unit(unit);
    MEASURES.contains(&unit) || unit.starts_with("t-")
}

/// Whether the question asks for a count and for no share (see [`admissible`]).
fn asks_count(q: &Question) -> bool {
    (COUNT_CUES.iter().any(|c| q.text.contains(c)) || counts_things(&q.text))
        && !SHARE_CUES.iter().any(|c| q.text.contains(c))
}

/// Words that name the figure itself, whatever it counts: 「目標はいくつ？」 asks for the figure.
const NAMES_OF_THE_FIGURE: &[&str] = &["目標", "目標値", "現状値", "基準値", "数値", "値", "数字", "実績"];

/// 「ネット予約できる施設って今いくつ？」: いくつ after a thing (not after a word for the figure,
/// 「目標はいくつ？」, nor a degree, 「満足度っていまいくつ？」) asks how many of it there are.
fn counts_things(text: &str) -> bool {
    let Some(at) = text.find("いくつ") else { return false };
    let mut before = text[..at].trim_end();
    loop {
        let trimmed = ["って", "は", "が", "今", "いま", "現在", "で", "、", ",", " "]
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .map(str::trim_end);
        match trimmed {
            Some(t) if t.len() < before.len() => before = t,
            _ => break,
        }
    }
    // (満足度, 認知度: a degree is a share, not a count of things.)
    !before.is_empty() && !before.ends_with('度') && !NAMES_OF_THE_FIGURE.iter().any(|w| before.ends_with(w))
}

/// Most letters of a value stated in words alone (「現状より増加」「全地区で実施」).
const MAX_WORDED_VALUE: usize = 8;

/// A name that lists things with ・ before its の (「児童館・地域子育て支援センターの年間延べ利用者数」),
/// once for each of them (「児童館の年間延べ利用者数」…); none for a name without such a list, or
/// one that reads as a sentence (a 、 in it).
fn listed_apart(name: &str) -> Vec<String> {
    if name.contains('、') {
        return Vec::new();
    }
    let Some(dot) = name.rfind('・') else { return Vec::new() };
    let Some(of) = name[dot..].find('の').map(|k| dot + k) else { return Vec::new() };
    let (list, rest) = name.split_at(of);
    list.split('・').filter(|item| !item.is_empty()).map(|item| format!("{item}{rest}")).collect()
}

/// Whether a row's target goes the other way than the question's verb says (「ヤングケアラーを
/// 何％まで減らす」 of a share of teachers trained, 38.0% → 100%): the row is of something else.
fn goes_the_other_way(q: &Question, i: &crate::ingest::record::Indicator) -> bool {
    // The verbs and words are vocabulary (`[change]`).
    let vocabulary = crate::ingest::roles::active();
    let said = |words: &[String], text: &str| words.iter().any(|w| text.contains(w.as_str()));
    let (up, down) = (said(&vocabulary.asked_up, &q.text), said(&vocabulary.asked_down, &q.text));
    if up == down || said(&vocabulary.change_in_name, &i.name) {
        return false;
    }
    let from = i.baseline.as_ref().or(i.actual.as_ref());
    let (Some(from), Some(to)) = (from, i.target.as_ref()) else { return false };
    let (Some(a), Some(b)) = (from.number, to.number) else { return false };
    if from.unit != to.unit || a == b {
        return false;
    }
    (up && b < a) || (down && b > a)
}

/// Words of a question that ask how many in a year (a flow, not a stock).
const PER_YEAR: &[&str] = &["年何", "年間", "毎年", "1年", "年に", "年度に"];

/// Whether an indicator's name, outside its brackets, counts what was added (`words`: the
/// vocabulary's `[change] added` or `new`, 新規, 累計) and the question says no such word, nor
/// its first letter (新しく for 新規).
fn counts_added(q: &Question, name: &str, words: &[String]) -> bool {
    let outside = normalize::outside_brackets(name);
    let asked = matching::compact(&q.text);
    words.iter().any(|w| {
        let first = w.chars().next().filter(|c| normalize::is_kanji(*c));
        outside.contains(w.as_str()) && !asked.contains(w.as_str()) && !first.is_some_and(|c| asked.contains(c))
    })
}

/// Whether a record of work (a measure, a responsibility) names a department whose name says it
/// is one (課, 室, 係 …), not only bodies (市, 協議会).
fn work_names_a_department(record: &Record) -> bool {
    let departments = match &record.body {
        Body::Measure(m) => &m.departments,
        Body::Responsibility(r) => &r.departments,
        _ => return false,
    };
    let vocabulary = crate::ingest::roles::active();
    departments.iter().any(|d| vocabulary.names_department(d))
}

/// Whether the row counts only some of what the question asks about: its name puts a clause
/// before the question's head noun (「チャレンジショップを経て市内で開業した店舗の数」 for 「商店街の店舗数」:
/// the shops that opened, not all of them), which the question does not say, and it leaves out the
/// words the question qualifies the head with (商店街).
fn counts_some(q: &Question, name: &str) -> bool {
    /// Endings of a verb's clause right before the noun it describes.
    const CLAUSE_ENDS: [&str; 6] = ["した", "する", "った", "いる", "れた", "んだ"];
    let name = matching::compact(&normalize::outside_brackets(name));
    let asked = matching::compact(&q.text);
    let Some(head) = q.head.first().filter(|h| h.chars().count() >= 2) else { return false };
    let Some(at) = name.find(head.as_str()) else { return false };
    let before = &name[..at];
    let Some(clause) = CLAUSE_ENDS.iter().find(|e| before.ends_with(**e)) else { return false };
    let said = asked.find(head.as_str()).is_some_and(|k| asked[..k].ends_with(clause));
    let qualified = q.compounds.iter().any(|c| {
        let word = c.concat();
        word != *head && !name.contains(&word)
    });
    !said && qualified
}

/// Whether an indicator holds yearly figures and no baseline, target or result: a series of the
/// past or a projection.
fn only_a_series(i: &crate::ingest::record::Indicator) -> bool {
    i.baseline.is_none() && i.target.is_none() && i.actual.is_none() && !i.yearly.is_empty()
}

/// Whether a record can answer this intent of the question at all, however well it matches.
fn admissible(intent: Intent, q: &Question, record: &Record) -> bool {
    if q.asks_when && !answers_when(record) {
        return false;
    }
    // 「自治会っていくつあるの？」: the plan's count of its own items (主な取組 2件) answers only
    // a question that counts such items or says what the count is of.
    if let (Intent::Count, Body::Count(c)) = (intent, &record.body) {
        let label = matching::compact(&c.label);
        let said = label.chars().count() >= 2 && matching::compact(&q.text).contains(label.as_str());
        if !counts_items(q) && !said {
            return false;
        }
    }
    if let Some(unit) = &q.asks_quantity {
        // 「人口は何人？」「決算額はいくら？」: text without a figure (in that unit) cannot say
        // how many, however well it matches.
        let text = match &record.body {
            Body::Passage(p) => Some(p.text.as_str()),
            Body::Measure(_) | Body::Plan(_) | Body::Responsibility(_) => Some(record.quote.as_str()),
            _ => None,
        };
        if text.is_some_and(|t| !has_figure(t, unit)) {
            return false;
        }
    }
    if let (Some(unit), Body::Indicator(i)) = (q.asks_quantity.as_ref().filter(|u| !u.is_empty()), &record.body) {
        // 「民生委員は何人？」 is not answered by a rate in %: the figure must be in the unit asked.
        // A cell may hold a second figure in brackets: 「1箇所(100人)」 says how many people too.
        // A cell with no figure (「―（目標は設定しない）」) says nothing of the unit.
        let values: Vec<&Value> =
            [&i.baseline, &i.target].into_iter().flatten().filter(|v| v.number.is_some()).collect();
        // A cell without a unit takes the one its name states in brackets: 「排出量(千t-CO2)」.
        // (Not a note in brackets: 「ノンステップバスの導入率（市内路線）」.)
        let vocabulary = crate::ingest::roles::active();
        let named = crate::ingest::value::name_unit(&i.name).filter(|u| vocabulary.is_unit(u));
        let other_unit = |v: &&Value| {
            let own = if v.unit.is_empty() { named.unwrap_or("") } else { v.unit.as_str() };
            !own.is_empty() && !unit_forms(unit).iter().any(|u| own.contains(u.as_str())) && !has_figure(&v.raw, unit)
        };
        if !values.is_empty() && values.iter().all(other_unit) {
            return false;
        }
    }
    // 「きっかけで一番多いのは何？」 asks for the extreme of figures: a text that states none (the
    // title of a ranking table) cannot tell it.
    if let (Some(_), Body::Passage(p)) = (&q.superlative, &record.body) {
        if !p.text.contains(|c: char| c.is_ascii_digit()) {
            return false;
        }
    }
    if let Body::Indicator(i) = &record.body {
        if intent != Intent::Current && goes_the_other_way(q, i) {
            return false;
        }
        // 「部活動の数をいくつまで」「日本語教室、いくつに増やす？」: a count is not answered by a
        // share (a row in %, or named a rate), nor by a measure of time, money or size (2.0時間),
        // however well its name matches.
        let share = |v: &Value| v.unit == "%" || v.unit.is_empty() && i.name.ends_with(['率', '合']);
        let values: Vec<&Value> =
            [&i.baseline, &i.target].into_iter().flatten().filter(|v| v.number.is_some()).collect();
        if asks_count(q) && !values.is_empty() && values.iter().all(|v| share(v) || measured(&v.unit)) {
            return false;
        }
        // A value that is words and no figure is a target only when short (「増加」「現状維持」
        // 「全校」): a longer one is the text of another cell read in a value's column.
        let wordy = |v: &Option<Value>| {
            v.as_ref().is_some_and(|v| {
                v.number.is_none()
                    && !v.raw.chars().any(|c| c.is_ascii_digit())
                    && v.raw.chars().filter(|c| c.is_alphabetic()).count() > MAX_WORDED_VALUE
            })
        };
        let asked = match intent {
            Intent::Target => wordy(&i.target),
            Intent::Current => wordy(&i.baseline),
            Intent::Both => wordy(&i.target) && wordy(&i.baseline),
            _ => false,
        };
        if asked {
            return false;
        }
        // A row named after the document itself is its running header read as a name (the
        // indicator's own name went to the description): its figures are not known to be its own.
        let name = matching::compact(&i.name);
        if !name.is_empty() && name == matching::compact(&normalize::text(&record.source.title)) {
            return false;
        }
    }
    match (intent, &record.body) {
        // A series of the past or a projection (「■…の推移」「…（推計値）」) holds yearly figures
        // and no baseline or target: it says what was or will be, not what the plan measured
        // as its baseline nor what it aims at.
        (Intent::Target | Intent::Current | Intent::Both, Body::Indicator(i)) if only_a_series(i) => false,
        // 「財調をいくら以上残す？」 asks for one figure: a series alone (a 中期財政計画's years)
        // gives one only for a year asked.
        (Intent::Lookup, Body::Indicator(i)) if q.asks_quantity.is_some() && q.years.is_empty() && only_a_series(i) => {
            false
        }
        // 「漁師さん今何人？」 asks how many there are: a row of those added (新規漁業就業者数,
        // 空き店舗を活用した新規出店数) counts something else, unless the question says so too.
        // A note in brackets (「(累計)」) qualifies a name the question may well leave out.
        (Intent::Current, Body::Indicator(i))
            if counts_added(q, &i.name, &crate::ingest::roles::active().added_in_name) =>
        {
            false
        }
        // 「漁業就業者を何人にする目標？」 asks how many there are to be: the target of those new
        // to it is another figure (「漁業就業者の目標は？」 may well be answered by it, and
        // 「創業件数、年何件？」 asks what is new each year).
        (Intent::Target | Intent::Both, Body::Indicator(i))
            if q.asks_quantity.is_some()
                && !PER_YEAR.iter().any(|w| q.text.contains(w))
                && counts_added(q, &i.name, &crate::ingest::roles::active().new_in_name) =>
        {
            false
        }
        (Intent::Target | Intent::Current | Intent::Both, Body::Indicator(i)) if counts_some(q, &i.name) => false,
        // 「今何%？」 is not answered by a row with no baseline, or a year in its baseline cell
        // (a column slid under 現状値): it states no present figure. A dash (―) says so itself.
        (Intent::Current, Body::Indicator(i))
            if [&i.baseline, &i.actual].iter().all(|v| v.as_ref().is_none_or(|v| refers_elsewhere(v.raw.trim()))) =>
        {
            false
        }
        // 「どのくらい」「何人」 ask for a figure: an item of work is no answer to them (its
        // department would be stated as if it were one).
        // (Unless its own words state the figure: 「UIJターン就職者への移住支援金（最大100万円）」.)
        (Intent::Lookup, Body::Measure(m))
            if q.asks_quantity.as_deref().is_some_and(|unit| {
                unit.is_empty() || !has_figure(&format!("{}{}", m.name, m.content.as_deref().unwrap_or("")), unit)
            }) =>
        {
            false
        }
        (Intent::Lookup, Body::Responsibility(_)) if q.asks_quantity.is_some() => false,
        // 「人口って何人？」 asks what the figure is: a target alone (「人口2,300人の確保を目指します」)
        // states what it should become, not what it is.
        (Intent::Lookup, Body::Indicator(i))
            if q.asks_quantity.is_some() && i.baseline.is_none() && i.actual.is_none() && i.target.is_some() =>
        {
            false
        }
        (Intent::Period, Body::Passage(p)) => {
            // A moment is told by a year beside its word (「令和9年度に中間評価を行います」).
            match moment_asked(q) {
                Some(w) => dates_the_moment(&p.text, w),
                None => has_period(&p.text) && (!q.text.contains("まで") || has_span(&p.text)),
            }
        }
        (Intent::Lookup, Body::Plan(_)) if moment_asked(q).is_some() => false,
        // 「窓口、どのくらい待たされる？」 asks for a figure: a plan's period (its record holds
        // nothing else) answers only how long the plan runs, which 何年間 asks as a period.
        (Intent::Lookup, Body::Plan(_)) if q.asks_quantity.is_some() => false,
        (Intent::Period, Body::Indicator(i)) => !i.yearly.is_empty(),
        (Intent::Period, Body::Measure(m)) => m.content.as_deref().is_some_and(has_period),
        // 「後期はいつから？」 asks for a part of a plan: the period of the whole (a plan that is
        // not itself that edition, nor names it) is not it.
        (Intent::Period, Body::Plan(p)) => {
            let part = match &q.edition {
                Some(EditionWanted::Named(e)) => {
                    record.source.edition.as_ref() == Some(e)
                        || p.name.contains(e.as_str())
                        || record.quote.contains(e.as_str())
                }
                _ => true,
            };
            // 「見直しはいつ？」 asks for a moment in the plan, not its whole period.
            p.period.is_some() && part && moment_asked(q).is_none()
        }
        // Only an indicator that measures satisfaction answers a satisfaction question.
        (Intent::Satisfaction, Body::Indicator(i)) => i.name.contains("満足"),
        // "どんな計画があるか" wants the list; a bare number is no answer to it.
        (Intent::Measures, Body::Count(n)) => !n.items.is_empty(),
        (Intent::Department, Body::Measure(m)) => !m.departments.is_empty(),
        // 「具体的に何をしているの？」 wants what is done: a bare name with its department is not it.
        // A sentence that tells what is (「…の全国平均は3.72%です。」) is no item of work.
        (Intent::Measures, Body::Measure(m)) => {
            (m.content.is_some() || m.category != m.name) && !["です。", "でした。"].iter().any(|e| m.name.ends_with(e))
        }
        (Intent::Department, Body::Indicator(i)) => !i.departments.is_empty(),
        _ => true,
    }
}

/// 「2040年に12,500人、2060年に10,000人程度の人口を維持する」: figures by year listed before the
/// noun they count, which follows them with の before the clause's particle (を, が, は).
fn qualifies_after(chars: &[char], i: usize, topic_words: &[Vec<char>], covered: impl Fn(&str) -> bool) -> bool {
    let Some(stop) = clause_end(chars, i) else { return false };
    let after: String = chars[i..stop].iter().collect();
    let after = matching::compact(&after);
    let counted = topic_words.iter().any(|w| after.contains(&format!("の{}", w.iter().collect::<String>())));
    counted && covered(&after)
}

/// Where the clause of a figure read from `from` on ends: its particle (を, が, は) or the
/// sentence's 。, within a few words.
fn clause_end(chars: &[char], from: usize) -> Option<usize> {
    const MAX_AFTER: usize = 40;
    (from..chars.len().min(from + MAX_AFTER)).find(|&k| "をがは。".contains(chars[k]))
}

/// The noun a count at `i` is followed by as what it counts, before the clause's particle:
/// 「10,000人程度の人口を」 → 人口. Only a count in a counter of people or things (人, 件, 世帯…).
fn counted_noun(chars: &[char], i: usize) -> Option<String> {
    const COUNTERS: &[&str] = &["人", "件", "世帯", "戸", "か所", "箇所", "施設", "団体", "社"];
    let end = figure_end(chars, i);
    let unit: String = chars[i..end].iter().filter(|c| !c.is_ascii_digit() && !",.".contains(**c)).collect();
    if !COUNTERS.iter().any(|c| unit.ends_with(c)) {
        return None;
    }
    let stop = clause_end(chars, end)?;
    if chars[stop] == '。' {
        return None;
    }
    // The kanji run before the particle, right after の, and between the figure and it only more
    // figures of the list (「12,500人、2060年に10,000人程度の」).
    let start = (end..stop).rev().take_while(|&k| crate::ingest::normalize::is_kanji(chars[k])).last()?;
    let listed = |c: &char| c.is_ascii_digit() || ",.、にと年度月程約".contains(*c) || unit.contains(*c);
    let between_ok = start > end && chars[start - 1] == 'の' && chars[end..start - 1].iter().all(listed);
    // 「12団体の維持を目標とする」: what is done with the count (a verbal noun) is no noun it counts.
    const DONE: &[&str] = &["維持", "確保", "達成", "実現", "増加", "減少", "削減", "解消", "向上", "拡大", "縮減"];
    let noun: String = chars[start..stop].iter().collect();
    (between_ok && !DONE.iter().any(|d| noun.ends_with(d))).then_some(noun)
}

/// The noun right before a figure at `i` when a comma stands between it and `from`: the kanji
/// run after the last comma (「…移住を進めて、令和16年の人口11000人」 → 人口), if any.
fn noun_after_comma(chars: &[char], from: usize, i: usize) -> Option<String> {
    let comma = from + chars[from..i].iter().rposition(|c| "、，".contains(*c))?;
    let kanji = |k: &usize| crate::ingest::normalize::is_kanji(chars[*k]) || chars[*k] == 'ー';
    let start = (comma + 1..i).rev().take_while(kanji).last().unwrap_or(i);
    Some(chars[start..i].iter().collect())
}

/// The number of a chart or a table that starts its caption: 「図３－３　」「表1 」.
static CAPTION: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?:^|[\s。])[図表]\s*\d+(?:[-‐－―.]\d+)?\s").unwrap());

/// Whether the figure at `i` stands in a bracket opened after the topic was named (at `named_at`)
/// and after a word of the bracket's own that is not the topic: 「(回答 112人、回答率 87.5%)」.
fn labelled_in_bracket(terms: &[Term], related: &Related, chars: &[char], named_at: usize, i: usize) -> bool {
    let Some(open) = (named_at..i).rev().find(|&k| "(（".contains(chars[k])) else { return false };
    if (open..i).any(|k| ")）".contains(chars[k])) {
        return false;
    }
    let inside: String = chars[open + 1..i].iter().collect();
    let label = matching::compact(&crate::ingest::value::strip_years(&inside));
    // A date (「令和6年4月1日現在」「年度末時点」) says when, not whose.
    let label: String = ["現在", "時点"].iter().fold(label, |l, w| l.replace(w, ""));
    let words = label.chars().filter(|c| c.is_alphabetic() && !c.is_ascii() && !"年度月日末".contains(*c)).count();
    if words >= 2 {
        return net_coverage(terms, related, &label) < MIN_COVERAGE;
    }
    // 「財政調整基金の残高は、標準財政規模（約38億円）の15％にあたる…」: a bracket with no word of
    // its own after another clause's noun holds that noun's figure, not the topic's.
    // (The noun right before the bracket, after 「…は、」: the topic said as the subject, and
    // the noun a word of its own, no kana; not 「…を、令和9年度までに全小中学校（4校）に」, where
    // the bracket counts what the topic is for.)
    let letter = crate::ingest::normalize::is_compound_letter;
    let noun_from = (0..open).rev().take_while(|&k| letter(chars[k])).last().unwrap_or(open);
    let noun: String = chars[noun_from..open].iter().collect();
    let subject_before = noun_from >= 2 && "、,".contains(chars[noun_from - 1]) && chars[noun_from - 2] == 'は';
    subject_before
        && noun.chars().count() >= 2
        && net_coverage(terms, related, &matching::compact(&noun)) < MIN_COVERAGE
}

/// The figure of a passage that the question's topic governs, quoted with the topic and the
/// run of figures it heads (a table row's baseline, middle years and target), or `None` when
/// no figure of the kind asked is governed by the topic. In a flattened table a row's name
/// comes before its figures, so figures before the name belong to the row above, and a figure
/// many figures after the name belongs to another row, unless the year asked labels it.
fn topic_figure(
    intent: Intent,
    q: &Question,
    terms: &[Term],
    related: &Related,
    verbs: &[String],
    record: &Record,
) -> Option<String> {
    const BEFORE: usize = 80;
    /// A name governs its row's cells (baseline, a middle year, target), not more.
    const MAX_GAP: usize = 3;
    let Body::Passage(p) = &record.body else { return None };
    let chars: Vec<char> = p.text.chars().collect();
    let topic_words: Vec<Vec<char>> =
        terms.iter().filter(|t| !t.scaffolding).map(|t| matching::compact(&t.text).chars().collect()).collect();
    // The topic's own words (人 of 移住してくる人 names nothing).
    let strong: Vec<String> =
        terms.iter().filter(|t| !t.scaffolding && !t.loose).map(|t| matching::compact(&t.text)).collect();
    let strong_chars: Vec<Vec<char>> = strong.iter().map(|w| w.chars().collect()).collect();
    let debug = std::env::var_os("PLANBOT_DEBUG").is_some();
    if debug {
        eprintln!("net: {:?} verbs {verbs:?}", p.text.chars().take(120).collect::<String>());
    }
    // The question's last compound, the thing it counts (see the rank below).
    let counted_word: Option<Vec<char>> = q.compounds.last().map(|c| matching::compact(&c.concat()).chars().collect());
    let mut best: Option<(usize, usize, usize)> = None;
    for i in (0..chars.len()).filter(|&i| figure_starts(&chars, i)) {
        if !unit_fits(q, &chars, i) {
            if debug {
                eprintln!("  unit at {}", chars[i..(i + 12).min(chars.len())].iter().collect::<String>());
            }
            continue;
        }
        let labelled_by_year = !q.years.is_empty() && {
            let near: String = chars[i.saturating_sub(14)..i].iter().collect();
            years_match(&q.years, &near) && !(i.saturating_sub(14)..i).any(|k| figure_starts(&chars, k))
        };
        // 「昭和60年の21,480人」 for a question on 2040: a figure its own other year labels.
        if !q.years.is_empty() && !labelled_by_year {
            let own_year: String = chars[i.saturating_sub(8)..i].iter().collect();
            if !crate::ingest::value::years_in(&own_year).is_empty() && !years_match(&q.years, &own_year) {
                continue;
            }
        }
        // The topic must be said in the figure's own sentence; a yearly series names its
        // topic once, above all its years.
        let from = i.saturating_sub(if labelled_by_year { 4 * BEFORE } else { BEFORE });
        let from = sentence_start(&chars, from, i);
        let before: String = chars[from..i].iter().collect();
        let compact_before = matching::compact(&before);
        let covered = |text: &str| {
            net_coverage(terms, related, text) >= MIN_COVERAGE && covers_topic(terms, &related.of_term, text)
        };
        let said_after = || labelled_by_year && qualifies_after(&chars, i, &topic_words, covered);
        if !(covered(&compact_before) || said_after()) {
            continue;
        }
        // 「転出超過の解消に取り組み、2040年に12,500人…の人口を維持する」: a count followed by the
        // noun it counts (の人口を) is that noun's, not the topic's named before it.
        if let Some(noun) = counted_noun(&chars, i).filter(|n| !covered(&matching::compact(n))) {
            if debug {
                eprintln!("  noun {noun} at {}", chars[i..(i + 12).min(chars.len())].iter().collect::<String>());
            }
            continue;
        }
        // Where the topic was last named (not as the unit of a figure: 「18店舗」 names no
        // 店舗 topic): the figures between it and this one are other cells.
        let named_at = topic_words.iter().filter_map(|w| last_word_at(&chars, from, i, w)).max().unwrap_or(from);
        // 「汚水処理人口普及率は84.2%」 for 「人口は？」: a topic of one word, said only inside a
        // longer compound (人口 + 普及率), names another thing; a one-letter end (空き家|数) does not.
        // (Only for a question of that one word: 「漁業やってる人」 is said by 漁業|就業者数, and the
        // rest of a compound the question itself says, 「環境施策の満足度」, is no other thing.)
        if terms.len() == 1 && strong_chars.len() == 1 && named_at < i {
            let letter = crate::ingest::normalize::is_compound_letter;
            let rest: String = chars[named_at..i].iter().take_while(|c| letter(**c)).collect();
            let asked = rest.chars().count() >= 2
                && matching::compact(&q.text).contains(&rest.chars().take(2).collect::<String>());
            if rest.chars().count() >= 2 && !asked {
                if debug {
                    eprintln!("  compound at {}", chars[i..(i + 12).min(chars.len())].iter().collect::<String>());
                }
                continue;
            }
        }
        // Every number counts as a cell, with a unit or without (「12事業者」), but a year does not.
        let gap = (named_at..i).filter(|&k| number_starts(&chars, k)).count();
        if gap > MAX_GAP && !labelled_by_year {
            continue;
        }
        // The text before the figure says what the question asks, not merely one of its words
        // (「市民が求める情報…ホームページのアクセス件数」 for a question on 市民 who stay).
        let run_start = (named_at..i).find(|&k| figure_starts(&chars, k)).unwrap_or(i);
        // What the question asks may be said around the figure: 「…を46%削減します」.
        let after_end = sentence_end(&chars, i).min(i + 30);
        let around = matching::compact(&chars[from..after_end].iter().collect::<String>());
        if !holds_what_is_asked(terms, related, verbs, &around) {
            if debug {
                eprintln!("  asked at {}", chars[i..(i + 12).min(chars.len())].iter().collect::<String>());
            }
            continue;
        }
        // 「全職員を対象に…行いました（回答 112人、…）」: a figure in a bracket opened after the
        // topic, after a word of its own, is that word's figure, unless the word is the topic.
        if labelled_in_bracket(terms, related, &chars, named_at, i) {
            if debug {
                eprintln!("  label at {}", chars[i..(i + 12).min(chars.len())].iter().collect::<String>());
            }
            continue;
        }
        let role = figure_role(&chars, named_at.min(i), i);
        let sentence = sentence_at(&chars, i);
        // 「推計78.3%」: a figure the word before calls a projection or an estimate, whatever
        // the rest of its sentence aims at.
        let word_before: String = chars[i.saturating_sub(4)..i].iter().collect();
        // 「…78.4%と推計しており」: so does the word right after the figure and its unit.
        let digits_end =
            (i..chars.len()).find(|&k| !chars[k].is_ascii_digit() && !".,".contains(chars[k])).unwrap_or(i);
        let word_after: String = chars[digits_end..(digits_end + 8).min(chars.len())].iter().collect();
        let projected_after = word_after
            .split_once('と')
            .is_some_and(|(unit, rest)| unit.chars().count() <= 3 && PROJECTING.iter().any(|w| rest.starts_with(w)));
        if projects(&sentence)
            || hedged(&sentence)
            || PROJECTING.iter().any(|w| word_before.contains(w))
            || projected_after
        {
            continue;
        }
        // 「（参考）全国平均は…42.3%です」「国の高齢化率29.1%」: another body's figure, given to
        // compare with, is not the plan's own, unless that body is what is asked.
        let lead: String = chars[sentence_start(&chars, 0, i)..i].iter().collect();
        if of_another_body(&lead) && !of_another_body(&q.text) {
            if debug {
                eprintln!("  body at {}", chars[i..(i + 12).min(chars.len())].iter().collect::<String>());
            }
            continue;
        }
        let near = near_sentence(&chars, i);
        // 「図３－３　…の設置率　令和６年 78.2％」「表１　…件数　令和２年 14件…」: the figures of a
        // chart's or a table's caption are statistics, no target, unless a word marks one so.
        let captioned = CAPTION.is_match(&lead);
        let end = sentence_end(&chars, i);
        let told: String = chars[i..end].iter().collect();
        let fits = match intent {
            Intent::Target => {
                // (An unmarked figure its clause tells as a fact, 「…９人で、…減っています」, is
                // none, unless the question asks what happened: 「KPIを達成したのはいくつ？」.)
                // 「中間評価(2029年度)では…60.0%を目安とする」: a step on the way is no final aim,
                // unless the question asks about the midpoint.
                let midway = lead.contains("中間") && !q.text.contains("中間");
                let asks_past = ["した", "できた", "だった"].iter().any(|w| q.text.contains(w));
                !midway
                    && ((role == Role::Target && !done_by_others(&told))
                        || (role == Role::Unmarked && !captioned && headed_as_target(&lead) && !tells_what_is(&told))
                        || (role == Role::Unmarked
                            && !captioned
                            && sentence_states(intent, q, &near)
                            && (asks_past || !tells_what_is(&told))
                            && !foretells(&told)))
            }
            Intent::Current => {
                // 「職員数は令和2年4月の861人から19人減少しました」: where a change told as past
                // started from is no figure of now.
                let rest: String = chars[figure_end(&chars, i).min(end)..end].iter().collect();
                let started_from = rest.trim_start().starts_with("から") && tells_what_is(&rest);
                // 「…から19人減少しました」: by how much it changed, not how much there is.
                let change = ["減少", "増加", "減っ", "増え", "減り", "増し"];
                let changed_by = change.iter().any(|w| rest.trim_start().starts_with(w));
                let marked = match role {
                    Role::Baseline => !started_from,
                    Role::Target => false,
                    Role::Unmarked => heads_a_row(&chars, gap, i) || says_now(&chars, named_at.min(i), i),
                };
                marked && !changed_by && sentence_states(intent, q, &near)
            }
            _ => sentence_states(intent, q, &near),
        };
        // The previous plan's target is not this plan's, unless that is what is asked.
        // (A bracket with a figure of its own, 「12人（前計画期間の実績 ７人）」, looks back for that figure.)
        let fits = fits && (!looks_back(&without_figured_brackets(&sentence)) || looks_back(&q.text));
        // 「第2期の…目標は年間100人でした」: a target that was, told of this very figure.
        let clause: String = chars[sentence_start(&chars, 0, i)..(digits_end + 8).min(chars.len())].iter().collect();
        let fits = fits && !was_the_target(&clause);
        // In 「観光入込客数50万人、宿泊者数4万人」 the second figure is another clause's.
        let other_clause =
            (named_at..i).any(|k| figure_starts(&chars, k) && chars[k..i].iter().any(|c| "、，;；".contains(*c)));
        // 「子育て世帯の移住を進めて、令和16年の人口11000人をめざします」: after a comma, the noun
        // right before the figure (人口) says what it counts; not the topic asked (移住), it is
        // another clause's figure.
        let topic_at = strong_chars.iter().filter_map(|w| last_word_at(&chars, from, i, w)).max();
        let counted = topic_at.and_then(|at| noun_after_comma(&chars, at, i)).is_some_and(|noun| {
            let ours = strong.iter().any(|w| noun.contains(w.as_str()) || w.contains(noun.as_str()));
            noun.chars().count() >= 2 && !ours && !FIGURE_WORDS.iter().any(|f| noun.ends_with(f))
        });
        if !fits || other_clause || counted {
            if debug {
                eprintln!("  fits at {}", chars[i..(i + 12).min(chars.len())].iter().collect::<String>());
            }
            continue;
        }
        // The nearest governed figure; the year asked first. Of two as near, the one named by the
        // question's last compound, the thing it counts (「商店街、今空き店舗いくつ」: 「空き店舗は37店」,
        // not 「商店街は11」).
        let named_by_counted =
            counted_word.as_ref().and_then(|w| last_word_at(&chars, from, i, w)).is_some_and(|end| end == named_at);
        let rank = if labelled_by_year { 0 } else { 2 * (1 + gap) + usize::from(!named_by_counted) };
        if best.is_none_or(|(r, _, _)| rank < r) {
            // The quote starts where the topic was named.
            let named_from = topic_words
                .iter()
                .filter_map(|w| last_word_at(&chars, from, run_start, w).map(|end| end - w.len()))
                .min()
                .unwrap_or(from);
            let start = from.max(named_from.min(run_start.saturating_sub(40)).saturating_sub(10));
            // Not back over the row above: its figures are not this topic's (「…５年間で25人
            // 道の駅の売上高 いま 3.8億円」 quotes from 道の駅).
            let row_above =
                (start..named_from).filter(|&k| figure_starts(&chars, k)).map(|k| figure_end(&chars, k)).max();
            let start = row_above.map_or(start, |e| e.max(start));
            best = Some((rank, start, i));
        }
    }
    let (rank, start, at) = best?;
    // The quote: the row's name, then its run of figures (or, for the year asked, the
    // figure with its year label), ending at the sentence's end.
    let mut end = figure_end(&chars, at);
    for _ in 0..5 {
        // The next figure of the run, close after this one (a long stretch without a figure is
        // the next row's name); the sentence ends the run.
        let next =
            (end..(end + 16).min(chars.len())).take_while(|&k| chars[k] != '。').find(|&k| figure_starts(&chars, k));
        match next {
            Some(k) => end = figure_end(&chars, k),
            None => break,
        }
    }
    // What the last figure is said to be: 「以上」「（令和12年度）」.
    while end < chars.len()
        && !chars[end].is_whitespace()
        && !"。、".contains(chars[end])
        && !chars[end].is_ascii_digit()
        && !breaks_at(&chars, end)
    {
        end += 1;
        if end - at > 80 {
            break;
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    if rank == 0 && at.saturating_sub(14) > start + 40 {
        // A yearly series: the name, then the year asked with its figure.
        out.extend(&chars[start..start + 40]);
        out.push_str(" … ");
        out.extend(&chars[at - 14..end]);
    } else {
        out.extend(&chars[start..end]);
    }
    if end < chars.len() && chars[end] != '。' {
        out.push('…');
    }
    Some(out.trim().to_string())
}

/// Whether the text around a figure holds what the question asks: its topic, and half of the
/// question's verb stems (the topic's words leave verbs out: 「住み続けたいと思う市民」 is not
/// about every text that names 市民).
fn holds_what_is_asked(terms: &[Term], related: &Related, verbs: &[String], text: &str) -> bool {
    let verbs_held = verbs.iter().filter(|v| says_verb(v, text)).count();
    covers_topic(terms, &related.of_term, text) && 2 * verbs_held >= verbs.len()
}

/// Whether `text` says the verb `verb` (保つ) as written or conjugated: its stem followed by kana
/// (保ちます, 保って), not by a kanji (保育).
fn says_verb(verb: &str, text: &str) -> bool {
    let hiragana = crate::ingest::normalize::is_hiragana;
    if text.contains(verb) {
        return true;
    }
    let Some(stem) = verb.strip_suffix(|c: char| hiragana(c)).filter(|s| s.chars().any(|c| !hiragana(c))) else {
        return false;
    };
    text.match_indices(stem).any(|(at, _)| text[at + stem.len()..].chars().next().is_some_and(hiragana))
}

/// Where the last occurrence of `word` in `chars[from..to]` ends, not counting one that is the
/// unit of a figure (right after a digit).
fn last_word_at(chars: &[char], from: usize, to: usize, word: &[char]) -> Option<usize> {
    if word.is_empty() || to < from + word.len() {
        return None;
    }
    (from..=to - word.len())
        .rev()
        .find(|&k| chars[k..k + word.len()] == *word && !(k > 0 && chars[k - 1].is_ascii_digit()))
        .map(|k| k + word.len())
}

/// A department as a cell or a bracket names it: a run of kanji or katakana ending in 課, 室 or
/// 委員会, not followed by a particle (「市民課と連携し」 names a partner, not who is in charge).
static DEPARTMENT: Lazy<Regex> = Lazy::new(|| {
    // Then the others in charge, in the same cell or bracket: more 課, or a body of any
    // name that ends the cell (「産業振興課、すみれ茶生産組合」).
    Regex::new(
            r#"[\p{Han}\p{Katakana}ーA-Za-z]{1,12}(課|室|委員会(事務局)?)([、・]([\p{Han}\p{Katakana}ー]{1,12}(課|室|委員会(事務局)?)|[^、・,"|()（）〔〕\s。]{1,15}[,"|)）〕]))*"#,
        )
        .unwrap()
});
/// Labels of a department column, not departments.
const DEPARTMENT_LABELS: &[&str] =
    &["担当課", "関係課", "所管課", "主管課", "各課", "担当室", "関係各課", "実行課", "主担当課", "担当部課"];
/// Words that go on after 課 or 室: not a department's end.
const WORDS_GOING_ON: &[(&str, &[char])] = &[
    ("課", &['題', '長', '程', '金', '税', '外', '後', '目']),
    ("室", &['内', '長', '温', '外']),
    ("会", &['議', '長', '員']),
];
/// Rooms, not departments.
const NOT_DEPARTMENTS: &[&str] = &["教室", "会議室", "和室", "研修室", "保育室", "図書室", "待合室", "控室", "職員室"];
/// How far before a department the topic it is in charge of may be named (a row of cells).
const DEPARTMENT_REACH: usize = 80;
/// How far before 「担当は…です」 the topic may be named: the sentences about one topic.
const TOLD_REACH: usize = 200;
/// Words that say in a sentence who is in charge, before the department.
const SAYING_IN_CHARGE: &[&str] = &["担当は", "担当課は", "所管は", "所管課は", "担当部署は"];

/// The passage cut to the topic and the department named right after it (「取組名 窓口の
/// ワンストップ化 担当課 市民課」, 「…の運営（未来創造課・建築住宅課）」), or `None` when no
/// department follows the topic closely. The plan's table of measures was not read as records;
/// the text still says who is in charge.
fn topic_department(terms: &[Term], related: &Related, record: &Record) -> Option<String> {
    let Body::Passage(p) = &record.body else { return None };
    let topic_words: Vec<Vec<char>> =
        terms.iter().filter(|t| !t.scaffolding).map(|t| matching::compact(&t.text).chars().collect()).collect();
    if let Some(found) = labelled_department(terms, related, &topic_words, &p.text) {
        return Some(found);
    }
    let mut taken_to = 0;
    for m in DEPARTMENT.find_iter(&p.text) {
        if m.start() < taken_to {
            continue;
        }
        let mut name = m.as_str().trim_end_matches([',', '"', '|', ')', '）', '〕']).to_string();
        if DEPARTMENT_LABELS.iter().any(|l| name.ends_with(l)) {
            continue;
        }
        // 「担当は総務課と住民課人権推進室です」: a sentence that says who is in charge, where
        // the departments go on with と and end before です.
        let told = SAYING_IN_CHARGE.iter().any(|w| p.text[..m.start()].ends_with(w));
        if told {
            let mut end = m.start() + name.len();
            while let Some((joiner, next)) = ["と", "、", "及び", "および"].iter().find_map(|w| {
                let after = p.text[end..].strip_prefix(w)?;
                DEPARTMENT.find(after).filter(|n| n.start() == 0).map(|n| (*w, n.as_str()))
            }) {
                name.push_str(joiner);
                name.push_str(next);
                end += joiner.len() + next.len();
            }
            taken_to = end;
        }
        let name = name.as_str();
        // Nor part of a longer word (養成課題, 課長, 室内) or a room (パソコン教室). Cells set one
        // a line are joined without a break: 「…の支援住民福祉課DV相談…」 still ends at 課.
        let rest = &p.text[m.start() + name.len()..];
        let hiragana = !told && rest.chars().next().is_some_and(|c| ('\u{3041}'..='\u{3096}').contains(&c));
        let longer = WORDS_GOING_ON.iter().any(|(end, more)| name.ends_with(end) && rest.starts_with(*more));
        if hiragana || longer || NOT_DEPARTMENTS.iter().any(|w| name.ends_with(w)) {
            continue;
        }
        if m.end() == p.text.trim_end().len() && cell_goes_on(record) {
            return None;
        }
        // In columns set by spaces a cell may run over lines, and the department beside a
        // topic may be half of one: only a department a label or a cell's bounds set apart
        // (「担当課　市民課」, 「（未来創造課・建築住宅課）」, 「"農業委員会"」) is read there.
        let before = p.text[..m.start()].trim_end_matches([' ', '\u{3000}', ':', '：']);
        let after = p.text[m.start() + name.len()..].trim_start();
        // 「担当：」「所管：」「〔所管〕」「実施主体」: labels of who is in charge.
        let labelled = DEPARTMENT_LABELS
            .iter()
            .chain(&["担当", "所管", "主管", "実施主体", "所管〕", "担当〕", "所管】", "担当】"])
            .any(|l| before.ends_with(l));
        let bounded = before.ends_with(['(', '（', '〔', '"', '|', '［', '【', '、', '・'])
            && (after.is_empty() || after.starts_with([')', '）', '〕', '"', '|', ',', '］', '】']));
        let columns = p.text.split_whitespace().count() >= 3;
        if columns && !labelled && !bounded && !told {
            continue;
        }
        // A sentence may tell the figures of its topic before it says who is in charge.
        let reach = if told { TOLD_REACH } else { DEPARTMENT_REACH };
        let Some((cut, mut out)) = topic_before(terms, related, &topic_words, &p.text[..m.start()], reach) else {
            continue;
        };
        out.push_str(name);
        return Some(format!("{}{}", if cut { "…" } else { "" }, out.trim()));
    }
    None
}

/// The text before a department, from where the topic is first named within `reach` letters of
/// it, when that stretch covers the topic; and whether the text was cut there.
fn topic_before(
    terms: &[Term],
    related: &Related,
    topic_words: &[Vec<char>],
    before: &str,
    reach: usize,
) -> Option<(bool, String)> {
    let chars: Vec<char> = before.chars().collect();
    let from = chars.len().saturating_sub(reach);
    let window = matching::compact(&chars[from..].iter().collect::<String>());
    if net_coverage(terms, related, &window) < MIN_COVERAGE || !covers_topic(terms, &related.of_term, &window) {
        return None;
    }
    // The quote starts where the topic is first named in the window.
    let start = topic_words
        .iter()
        .filter_map(|w| last_word_at(&chars, from, chars.len(), w).map(|end| end - w.len()))
        .min()
        .unwrap_or(from);
    Some((start > 0, chars[start..].iter().collect()))
}

/// A label of who is in charge and what follows it in its cell or bracket: 「担当：こども家庭
/// センター、学校教育課」, 「【担当：子育て支援課】」, 「(所管 住宅課・生活福祉課)」.
static DEPARTMENT_LABELLED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:担当課|所管課|主管課|担当部署|担当|所管|主管|実施主体)[:：]?[ \u{3000}]*([^\s】〕)）」\]>。<]+)")
        .unwrap()
});

/// The topic and the departments a label names after it, read with the vocabulary's department
/// endings, so that names with kana or of other bodies (子育て支援課, こども家庭センター,
/// 郷土資料館) are read whole; `None` when no label names departments right after the topic.
fn labelled_department(terms: &[Term], related: &Related, topic_words: &[Vec<char>], text: &str) -> Option<String> {
    let vocabulary = crate::ingest::roles::active();
    DEPARTMENT_LABELLED.captures_iter(text).find_map(|c| {
        let (label, names) = (c.get(0)?, c.get(1)?);
        vocabulary.departments_in(names.as_str().trim_end_matches(['、', ',', '・']))?;
        let (cut, topic) = topic_before(terms, related, topic_words, &text[..label.start()], DEPARTMENT_REACH)?;
        let topic = topic.trim().trim_end_matches(['【', '〔', '(', '（', '[', '<', '︵']).trim_end();
        Some(format!("{}{topic} {}", if cut { "…" } else { "" }, &text[label.start()..names.end()]))
    })
}

/// Whether a one-line row of columns set by spaces ends in a department, whose cell may go on
/// in the next line (「教育委員会」 above 「生涯学習課」, the next row's name beside it): half a
/// cell is no answer, and the lines are not read together either.
fn cell_goes_on(record: &Record) -> bool {
    let Body::Passage(p) = &record.body else { return false };
    let text = p.text.trim_end();
    record.line == record.line_end
        && text.split_whitespace().count() >= 3
        && DEPARTMENT.find_iter(text).last().is_some_and(|m| m.end() == text.len())
}

/// Words that make a figure a projection or an estimate.
const PROJECTING: &[&str] = &["推計", "見込ま", "見込み", "見込ん", "見込む", "予測", "見通し", "将来展望", "試算"];

/// Whether a sentence tells a projection (「…4万9,600人まで減少すると見込まれています」), not a
/// figure the plan sets or has measured, unless it names its figure a target.
/// The 目標 of a heading's label (「基本目標3」「重点目標」「目標２」) names no figure.
fn projects(sentence: &str) -> bool {
    let names_a_target = sentence.match_indices("目標").any(|(i, m)| {
        let label = sentence[..i].ends_with("基本")
            || sentence[..i].ends_with("重点")
            || sentence[i + m.len()..].trim_start().starts_with(|c: char| c.is_ascii_digit() || c.is_numeric());
        !label
    });
    PROJECTING.iter().any(|w| sentence.contains(w)) && !names_a_target
}

/// Whether a sentence only supposes or asks (a member's words in minutes: 「…500件とされていた
/// と思いますが」「…ではないでしょうか」): it states no figure of the plan's.
fn hedged(sentence: &str) -> bool {
    const HEDGES: &[&str] = &["と思い", "と思われ", "かもしれ", "ではないか", "でしょうか", "のではない", "?"];
    HEDGES.iter().any(|w| sentence.contains(w))
}

/// Whether the digits at `at` end a range (the 8 of 「6~8人」): one figure with its start.
fn upper_end_of_range(chars: &[char], at: usize) -> bool {
    at >= 2 && "~〜～".contains(chars[at - 1]) && chars[at - 2].is_ascii_digit()
}

/// Whether a number that is no year (令和4年度, 2030年) starts at `at`.
fn number_starts(chars: &[char], at: usize) -> bool {
    if !chars[at].is_ascii_digit()
        || upper_end_of_range(chars, at)
        || (at > 0 && (chars[at - 1].is_ascii_digit() || ",.".contains(chars[at - 1])))
    {
        return false;
    }
    let end =
        (at..chars.len()).find(|&k| !(chars[k].is_ascii_digit() || ",.".contains(chars[k]))).unwrap_or(chars.len());
    !matches!(chars.get(end), Some('年' | '月' | '日'))
}

/// Where the figure starting at `at` ends: after its digits and its unit.
fn figure_end(chars: &[char], at: usize) -> usize {
    let window: String = chars[at..(at + 24).min(chars.len())].iter().collect();
    let tail = unit_tail(&window);
    let unit = UNITS.iter().filter(|u| tail.starts_with(*u)).map(|u| u.chars().count()).max().unwrap_or(0);
    at + window.chars().count() - tail.chars().count() + unit
}

/// The figures (digits with a unit) of a text, as written.
fn figures_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| figure_starts(&chars, i))
        .map(|i| chars[i..figure_end(&chars, i)].iter().collect())
        .collect()
}

/// Whether a figure (digits with a unit) starts at `at`.
fn figure_starts(chars: &[char], at: usize) -> bool {
    // The 2 of 「44万2千人」 goes on the figure before it.
    let inside = at >= 2 && "万億".contains(chars[at - 1]) && chars[at - 2].is_ascii_digit();
    chars[at].is_ascii_digit()
        && !inside
        && !upper_end_of_range(chars, at)
        && (at == 0 || !(chars[at - 1].is_ascii_digit() || ",.".contains(chars[at - 1])))
        && value_at(chars, at)
}

/// Whether the figure at `at` is in the unit the question asks (何人 → 人, 率 → %): a rate
/// does not say how many people, and 「職員1人当たりの…」 is no count of people at all.
fn unit_fits(q: &Question, chars: &[char], at: usize) -> bool {
    let window: String = chars[at..(at + 24).min(chars.len())].iter().collect();
    let tail = unit_tail(&window);
    // 「1地区年10万円以内」「1人1日当たり」: one of a unit with a figure right after it is a rate
    // per unit, not a count.
    let one = chars[at] == '1' && !chars.get(at + 1).is_some_and(|c| c.is_ascii_digit() || ".,".contains(*c));
    if one && chars[at + 1..].iter().take(4).any(|c| c.is_ascii_digit()) {
        return false;
    }
    if let Some(unit) = q.asks_quantity.as_ref().filter(|u| !u.is_empty()) {
        // 「3,000万円」 is in 円: a multiplier may stand before the unit.
        let tail = tail.trim_start_matches(['万', '億', '千', '百']);
        let Some(rest) = unit_forms(unit).iter().find_map(|u| tail.strip_prefix(u.as_str())) else { return false };
        if PER_UNIT.iter().any(|w| rest.starts_with(w)) {
            return false;
        }
    }
    // A satisfaction is a share of those asked.
    let asks_rate = q.text.contains('率') || q.text.contains("割合") || q.text.contains('%') || q.text.contains("満足");
    !asks_rate || ["%", "割", "ポイント", "pt"].iter().any(|u| tail.starts_with(u))
}

/// What a figure of a passage is: a target (after 目標, before 以上/に増やします, after an arrow),
/// a baseline (after 現状/基準/実績/策定時, before an arrow), or unmarked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Target,
    Baseline,
    Unmarked,
}

/// Label words of a baseline: the figure a plan starts from.
const BASELINE_WORDS: &[&str] = &["現状", "現在", "基準", "実績", "策定時", "当初", "直近", "時点", "現況", "でした"];
/// Label words of a target.
const TARGET_WORDS: &[&str] = &["目標", "めざ", "目指", "までに", "最終", "計画値"];
/// What follows a target figure: 「…50万冊に増やします」「…20%以上」.
/// A target cell that states a change and no figure: 倍増, 半減, 減少, 増加.
const CHANGE_CELLS: &[&str] = &["倍増", "半減", "増加", "減少", "向上", "改善", "維持", "解消"];

const TARGET_AFTER: &[&str] = &[
    "以上",
    "以下",
    "未満",
    "以内",
    "に増",
    "に減",
    "を目指",
    "をめざ",
    "にします",
    "とします",
    "に高め",
    "に抑え",
    "に引き",
    "まで",
    "を維持",
    "に向上",
    "に削減",
    "を目標",
];
const ARROWS: &[char] = &['→', '⇒', '▶', '➡', '▷', '〜'];

/// The role of the figure at `at`, read from the words between where the topic was named
/// (`from`) and the figure, and from what follows the figure.
fn figure_role(chars: &[char], from: usize, at: usize) -> Role {
    let end =
        (at..chars.len()).find(|&k| !(chars[k].is_ascii_digit() || ",.".contains(chars[k]))).unwrap_or(chars.len());
    // What follows the figure up to the next figure: its unit, then 以上 or an arrow.
    // (Within its sentence: 「67台（82.7%）。国の目標は…」 labels the next sentence's figure.)
    let after: String =
        chars[end..(end + 10).min(chars.len())].iter().take_while(|c| !c.is_ascii_digit() && **c != '。').collect();
    if after.chars().any(|c| ARROWS.contains(&c) && c != '〜') {
        return Role::Baseline;
    }
    // A label after its figure, as yearly tables write them (「98,450冊 実績」), and not the
    // label of the next figure (「14.2時間 目標値(令和9年度):10時間」).
    // (Nor the label of a figure in a bracket of its own: 「12人（前計画期間の実績 ７人）」.)
    let after = match after.find(['(', '（']) {
        Some(open) if bracket_holds_figure(&chars[end + after[..open].chars().count()..]) => after[..open].to_string(),
        _ => after,
    };
    let labelled = |w: &str| {
        after.match_indices(w).any(|(k, _)| {
            let rest = after[k + w.len()..].trim_start_matches('値');
            !rest.starts_with(['(', '（', ':', '：'])
        })
    };
    // 「6.4%　倍増」: the next cell states the target as a change without a figure, and this
    // figure is where the change starts.
    if let Some((head, next_cell)) = after.split_once(char::is_whitespace) {
        let head_aims = TARGET_AFTER.iter().any(|w| head.contains(w));
        if !head_aims && CHANGE_CELLS.iter().any(|w| next_cell.trim_start().starts_with(w)) {
            return Role::Baseline;
        }
    }
    // 「…１０年前の７割に減りました」「…に増えています」: the clause tells what happened, not
    // what is aimed at, though 「に減」 follows the figure.
    // 「3,000人以上の駅」「65歳以上の方」: a bound before の says which things, not what is aimed at.
    let unit = past_unit(&after);
    if crate::ingest::prose::BOUNDS.iter().any(|b| unit.strip_prefix(b).is_some_and(bound_qualifies)) {
        return Role::Unmarked;
    }
    if TARGET_AFTER.iter().any(|w| after.contains(w)) || labelled("目標") {
        let clause: String = chars[end..].iter().take(24).take_while(|c| !"。、".contains(**c)).collect();
        if tells_what_is(&clause) {
            return Role::Baseline;
        }
        // 「20年後には104橋（77.6％）に増えます」: what will happen of itself, no aim.
        if foretells(&clause) && !labelled("目標") {
            return Role::Unmarked;
        }
        return Role::Target;
    }
    // 「45万冊から50万冊に」: a figure right before から is where a change starts. (A から
    // further back, 「浄水場から配水池までの…（延長4.2km）」, says nothing of the figure.)
    if ["実績", "現状", "見込"].iter().any(|w| labelled(w)) || past_unit(&after).starts_with("から") {
        return Role::Baseline;
    }
    let between: String = chars[from.min(at)..at].iter().collect();
    // An arrow right before the figure: the figure is where the change goes.
    if between.trim_end().chars().rev().take(3).any(|c| ARROWS.contains(&c) && c != '〜') {
        return Role::Target;
    }
    let last = |words: &[&str]| words.iter().filter_map(|w| between.rfind(w)).max();
    match (last(TARGET_WORDS), last(BASELINE_WORDS)) {
        (Some(t), Some(b)) if t > b => Role::Target,
        (Some(_), Some(_)) => Role::Baseline,
        (Some(_), None) => Role::Target,
        (None, Some(_)) => Role::Baseline,
        (None, None) => Role::Unmarked,
    }
}

/// Whether a sentence opens with a heading of targets (「■目標・新規就農者数 ５年間で12人」,
/// 「【数値目標】…」, 「成果目標：…」): its unmarked figures are the targets the heading names.
fn headed_as_target(lead: &str) -> bool {
    let opened = lead.trim_start_matches(|c: char| ITEM_MARKS.contains(&c) || "【[(（〔 ".contains(c));
    let heading = opened.split(['・', ':', '：', '】', ']', ')', '）', '〕', ' ']).next().unwrap_or("");
    heading.ends_with("目標") && heading.chars().count() <= 6
}

/// Whether the bracket `chars` opens holds a figure other than a year (「（前計画期間の実績 ７人）」,
/// not 「（令和６年度実績）」).
fn bracket_holds_figure(chars: &[char]) -> bool {
    let inside: String = chars.iter().skip(1).take(30).take_while(|c| !")）".contains(**c)).collect();
    crate::ingest::value::strip_years(&inside).chars().any(|c| c.is_ascii_digit())
}

/// Marks that start an item of their own (★めざす数字, ☑ 取組, ■ 施策): what stands before one is
/// another sentence, though the plan ends neither with 。.
const ITEM_MARKS: &[char] = &['★', '☆', '☑', '■', '□', '◆', '◇'];
/// Letters that, three or more in a row, rule one block off from the next (━━━, ═══). Not the
/// dashes and thin lines under a table's header (|---|, -----, +====+, ───): the header
/// above them governs the figures below.
const RULE_LETTERS: &[char] = &['━', '═', '＝'];

/// Whether a sentence ends (or a block starts) between `chars[k - 1]` and `chars[k]`: after 。,
/// before an item mark, or at either end of a rule. A passage joins the lines of a page, and a
/// ruled-off heading or a list of targets is no part of the paragraph after it (「…５年後 ５０％」
/// above 「…出荷額は…７割に減りました。」 does not make that sentence state a target).
fn breaks_at(chars: &[char], k: usize) -> bool {
    if k == 0 || k >= chars.len() {
        return true;
    }
    let rule = |at: usize| {
        RULE_LETTERS.contains(&chars[at])
            && chars[at.saturating_sub(2)..(at + 3).min(chars.len())]
                .windows(3)
                .any(|w| w.iter().all(|c| *c == chars[at]))
    };
    chars[k - 1] == '。' || ITEM_MARKS.contains(&chars[k]) || rule(k) != rule(k - 1)
}

/// Where the sentence holding `at` starts, looking back no further than `floor`.
fn sentence_start(chars: &[char], floor: usize, at: usize) -> usize {
    (floor + 1..=at).rev().find(|&k| breaks_at(chars, k)).unwrap_or(floor)
}

/// Where the sentence holding `at` ends (after its 。, or where the next block starts).
fn sentence_end(chars: &[char], at: usize) -> usize {
    (at + 1..=chars.len()).find(|&k| breaks_at(chars, k)).unwrap_or(chars.len())
}

/// Whether the figure at `at` is the first cell of a row of figures (「空き家率 12.5% 10.0%」):
/// the topic named right before it and another figure close after it, the baseline of a
/// flattened table.
fn heads_a_row(chars: &[char], gap: usize, at: usize) -> bool {
    let end = figure_end(chars, at);
    gap == 0
        && (end..(end + 16).min(chars.len())).take_while(|&k| !breaks_at(chars, k)).any(|k| figure_starts(chars, k))
}

/// Words that say a figure is the state now: a year or a date it was measured, 現在, です.
const NOW_WORDS: &[&str] = &[
    "現在",
    "現状",
    "時点",
    "実績",
    "現況",
    "いま",
    "今",
    "直近",
    "です",
    "でした",
    "となって",
    "となり",
    "であり",
    "あり",
    "ある",
];

/// Whether the words from the topic to a little after the figure at `at` tell the figure as
/// the state now (「高齢化率は令和6年に44.8%です」), not as a length or a fee of a measure
/// (「基幹管路の耐震化 …導水管更新（延長4.2km）」), which answers no 「今どのくらい」.
fn says_now(chars: &[char], from: usize, at: usize) -> bool {
    let to = sentence_end(chars, at).min(figure_end(chars, at) + 12);
    let window: String = chars[from..to].iter().collect();
    // 「荒廃農地は41.2ha」: the topic, は, its figure.
    let told = chars[from..at].iter().rev().find(|c| !c.is_whitespace()) == Some(&'は');
    told || NOW_WORDS.iter().any(|w| window.contains(w)) || !crate::ingest::value::years_in(&window).is_empty()
}

/// Words naming a body other than the plan's municipality whose figures plans give to compare:
/// the nation, the prefecture, their averages, similar municipalities.
const OTHER_BODIES: &[&str] =
    &["全国", "国の", "国は", "県の", "県は", "県内", "類似団体", "同規模", "(参考)", "参考値"];
/// Words by which a plan names itself again after naming another body (「…を踏まえ、本町は」).
const OWN_BODY: &[&str] =
    &["本市", "本町", "本村", "当市", "当町", "当村", "市は", "町は", "村は", "市の", "町の", "村の"];

/// Whether the words leading up to a figure in its sentence give it as another body's: the
/// last such word comes after the last word naming the plan's own municipality.
fn of_another_body(lead: &str) -> bool {
    let kanji = normalize::is_kanji;
    // 国の and 県の as words of their own: not the 国 of 外国の nor the 県 of 他県の.
    let alone =
        |at: usize, w: &str| !(w.starts_with(['国', '県']) && lead[..at].chars().next_back().is_some_and(kanji));
    let last = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| lead.match_indices(w).filter(|(at, _)| alone(*at, w)).map(|(at, _)| at).last())
            .max()
    };
    match (last(OTHER_BODIES), last(OWN_BODY)) {
        (Some(other), Some(own)) => other > own,
        (Some(_), None) => true,
        _ => false,
    }
}

/// What follows a figure's unit (「万冊から…」 → 「から…」).
fn past_unit(after: &str) -> &str {
    let rest = after.trim_start().trim_start_matches(['万', '億', '千', '百']);
    let unit = UNITS.iter().filter(|u| rest.starts_with(*u)).map(|u| u.len()).max().unwrap_or(0);
    rest[unit..].trim_start()
}

/// Endings of a clause that tells what happened or what is (「…に減りました」「…に増えています」).
const TELLING_ENDINGS: &[&str] = &[
    "ました",
    "でした",
    "ています",
    "ている",
    "てきた",
    "っており",
    "ったが",
    // 「…68.4%(令和6年度)で、県平均(72.1%)を下回る」: a comparison tells what is.
    "を下回",
    "を上回",
    "にとどま",
];

/// Whether a clause names an aim (「…を目標としています」「…を目指します」).
fn names_an_aim(clause: &str) -> bool {
    ["目標", "目指", "めざ"].iter().any(|w| clause.contains(w))
}

/// Whether the clause after a figure tells what happened or is, not what the plan aims at:
/// a past or ongoing ending and no word of aiming (「…を目標としています」 still aims).
fn tells_what_is(clause: &str) -> bool {
    TELLING_ENDINGS.iter().any(|w| clause.contains(w)) && !names_an_aim(clause)
}

/// Whether the clause after a figure foretells a change that comes of itself (「…に増えます」
/// 「…に減ると見込まれます」, 増える・減る, not 増やす・減らす) and aims at nothing.
fn foretells(clause: &str) -> bool {
    const FORETELLING: &[&str] = &["に増えます", "に減ります", "に増えると", "に減ると", "に増える見込", "に減る見込"];
    FORETELLING.iter().any(|w| clause.contains(w)) && !names_an_aim(clause)
}

/// Whether the clause after a figure tells of a change others make, in the passive
/// (「法定雇用率は…2.9%に引き上げられます」): a rule set for the plan, not a figure it aims at.
/// 「…に高められるよう取り組みます」 still aims.
fn done_by_others(clause: &str) -> bool {
    clause.contains("られ") && !clause.contains("られるよう")
}

/// How far before a figure the words that say what it is may stand (a long sentence's subject
/// and its 「令和12年度までに」 fit; a heading run into the passage further up does not).
const SENTENCE_REACH: usize = 60;

/// The sentence holding the character at `at`: up to 。, within its block.
fn sentence_at(chars: &[char], at: usize) -> String {
    chars[sentence_start(chars, 0, at)..sentence_end(chars, at)].iter().collect()
}

/// The sentence holding the character at `at`, from no further back than [`SENTENCE_REACH`]:
/// what a figure states is said close to it, and a heading or a table of contents run into the
/// same passage with no 。 between (「Ⅳ 計画の目標 … 森林率81.6%である」) is no part of it.
fn near_sentence(chars: &[char], at: usize) -> String {
    chars[sentence_start(chars, at.saturating_sub(SENTENCE_REACH), at)..sentence_end(chars, at)].iter().collect()
}

/// Whether the sentence holding the topic's figure states what was asked: 「高齢化率は44.8%です」
/// states no target, even when another sentence of the passage does, and 「…は71.6%でした」
/// does not say how many people.
fn sentence_states(intent: Intent, q: &Question, sentence: &str) -> bool {
    if let Some(unit) = q.asks_quantity.as_ref().filter(|u| !u.is_empty()) {
        if !has_figure(sentence, unit) {
            return false;
        }
    }
    // 「調達件数、今と目標」: a count of 件 is not said by a sentence of 千円 alone.
    if q.asks_quantity.is_none() {
        if let Some((_, unit)) = COUNTED.iter().find(|(word, _)| q.text.contains(word)) {
            if !has_figure(sentence, unit) {
                return false;
            }
        }
    }
    match intent {
        Intent::Target | Intent::Both => {
            aims(sentence) && !looks_back(sentence) && !sets_no_target(sentence) && !tells_a_series(sentence)
        }
        Intent::Satisfaction => sentence.contains("満足"),
        _ => true,
    }
}

/// Words of a question that name a count, and the unit its figure is in (件数 → 件).
const COUNTED: &[(&str, &str)] = &[("件数", "件"), ("人数", "人"), ("回数", "回")];

/// Whether a sentence tells a series of the past or a projection (「…の推移（平成25年 2,310件 →
/// 令和5年 1,048件）」「…になると推計」, the vocabulary's `[series] not_steps`) and aims at
/// nothing: its arrow or its last year is no target.
fn tells_a_series(sentence: &str) -> bool {
    let vocabulary = crate::ingest::roles::active();
    vocabulary.not_steps.iter().any(|w| sentence.contains(w.as_str()))
        && !TARGET_WORDS.iter().any(|w| sentence.contains(w))
}

/// Words that state a figure as a goal: 「…を目指します」「…にします」「目標」「…まで増やす」.
/// 「空き家率は13.6%でした」 states what is, however many figures stand around it.
const AIMING: &[&str] = &[
    "目標",
    "までに",
    "目指",
    "めざ",
    "増や",
    "減ら",
    "以上",
    "以下",
    "未満",
    "以内",
    "引き上げ",
    "引き下げ",
    "削減",
    "向上させ",
    "にします",
    "とします",
    "にする",
    "に高め",
    "に抑え",
    "維持し",
];

/// Words of `AIMING` that make something what it is to become: they aim at a figure written
/// right before them.
const MAKING: &[&str] = &["にします", "とします", "にする"];

/// Words of a sentence that tells what an earlier plan aimed at (「前計画では…を目標としましたが」):
/// its figure is a past target, not the plan's own.
const LOOKING_BACK: &[&str] = &[
    "前計画",
    "前期計画",
    "前回計画",
    "旧計画",
    "前の計画",
    "目標としましたが",
    "目標としていました",
    "目標としていましたが",
    "目指しましたが",
    "めざしましたが",
];

/// A sentence saying that its figure has no target: 「…（11.4%）は、参考値とし目標を設けない」
/// names 目標 only to deny it.
static NO_TARGET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"目標値?(は|を|について(は)?)?(設け|設定し|定め|掲げ|置か|設定せ)(ない|ず|ません)|目標値?(は)?(なし|無し)|参考値(とし|とす|であ|です|にとどめ)",
    )
    .unwrap()
});

/// Whether a sentence declares its figure no target (a 参考値, 「目標は設けない」).
fn sets_no_target(sentence: &str) -> bool {
    NO_TARGET.is_match(sentence)
}

/// Whether a sentence tells an earlier plan's target rather than this plan's.
/// The sentence without the brackets that hold a figure of their own (「（前計画期間の実績 ７人）」).
fn without_figured_brackets(sentence: &str) -> String {
    static FIGURED: Lazy<Regex> = Lazy::new(|| Regex::new(r"[(（][^()（）]*\d[^()（）]*[)）]").unwrap());
    FIGURED.replace_all(sentence, "").into_owned()
}

/// Whether a clause ends by telling its figure as a target that was: 「…の目標は年間100人でした」.
fn was_the_target(clause: &str) -> bool {
    static WAS: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"目標値?は[^。、は]{0,12}\d[^。、]{0,6}(?:でした|だった)").unwrap());
    WAS.is_match(clause)
}

fn looks_back(sentence: &str) -> bool {
    // 「…を目標に掲げましたが、…」: a target set in the past and what came of it.
    // 「目標値55%に対して、結果は47.5%でした」: a target and what came of it, told as past.
    static PAST_AIM: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
            r"(?:目標|目指|めざ)[^。]{0,15}(?:ましたが|たが)|(?:目標|目指|めざ)[^。]{0,20}に対し[^。]{0,30}(?:でした|ました)|目標値?を[^。]{0,20}(?:としていました|としていた)",
        )
        .unwrap()
    });
    LOOKING_BACK.iter().any(|w| sentence.contains(w)) || PAST_AIM.is_match(sentence)
}

/// Whether what follows a bound (以上, 以下 …) makes it say which things are meant, not what is
/// aimed at: の (「3,000人以上の駅」), or a verb or a noun right after it (「1日2時間以上見せている
/// 保護者」「65歳以上人口」), unless that word is the aim itself (「90%以上維持」「以上を目指す」).
fn bound_qualifies(rest: &str) -> bool {
    const AIMS: &[&str] = &["維持", "達成", "確保", "目指", "めざ", "目標", "増", "減", "削減", "向上", "改善", "保"];
    const PARTICLES: &[char] = &['を', 'に', 'と', 'で', 'へ', 'が', 'は', 'も'];
    rest.starts_with('の')
        || rest.starts_with(char::is_alphabetic)
            && !rest.starts_with(PARTICLES)
            && !AIMS.iter().any(|w| rest.starts_with(w))
}

/// Whether text states a goal: a word of aiming, or a change drawn with an arrow between two
/// figures (現状値 → 目標値, the row of a flattened table: 「36.1 % ▶▶ 100.0 %」).
fn aims(text: &str) -> bool {
    // 「65歳以上の方」「18歳未満」「10年以上」「3,000人以上の駅」: an age, a span or the things
    // of a size qualified, no figure aimed at.
    let bound = |w: &str| crate::ingest::prose::BOUNDS.contains(&w);
    let qualifies = |w: &str| {
        text.match_indices(w).all(|(at, _)| {
            text[..at].ends_with(['歳', '才', '年'])
                || text[..at].ends_with("年生")
                || bound_qualifies(&text[at + w.len()..])
        })
    };
    // 「143人とします」 makes the figure what the topic becomes; 「71.8km（舗装率74.5%）を対象と
    // します」 makes a noun of the figure's thing, no figure aimed at.
    let makes_a_figure = |w: &str| {
        !MAKING.contains(&w)
            || text.match_indices(w).any(|(at, _)| text[..at].chars().rev().take(5).any(|c| c.is_ascii_digit()))
    };
    if AIMING.iter().any(|w| text.contains(w) && !(bound(w) && qualifies(w)) && makes_a_figure(w)) {
        return true;
    }
    text.find(['→', '⇒', '▶', '➡']).is_some_and(|at| has_value(&text[..at]) && has_value(&text[at..]))
}

/// Whether a figure of the text is aimed at: a word of aiming stands near it in its sentence
/// (「90.0%以下とします」「目標値を60%と」「50万冊に増やします」). A passage may run from a
/// list of statistics (「中央地域（人口28,410人）」) into a sentence about targets further on:
/// the 目標 of that sentence aims at none of the list's figures.
fn aims_at_a_figure(text: &str) -> bool {
    /// Letters before a figure and after it that a word aiming at it stands within.
    const BEFORE: usize = 30;
    const AFTER: usize = 16;
    let chars: Vec<char> = text.chars().collect();
    let figure = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut at = 0;
    while at < chars.len() {
        if !chars[at].is_ascii_digit() || (at > 0 && figure(chars[at - 1])) {
            at += 1;
            continue;
        }
        let end = (at..chars.len()).find(|&k| !figure(chars[k])).unwrap_or(chars.len());
        if value_at(&chars, at) {
            let from = (at.saturating_sub(BEFORE)..at)
                .rev()
                .find(|&k| chars[k] == '。')
                .map_or(at.saturating_sub(BEFORE), |k| k + 1);
            let to = (end..(end + AFTER).min(chars.len()))
                .find(|&k| chars[k] == '。')
                .unwrap_or((end + AFTER).min(chars.len()));
            let near: String = chars[from..to].iter().collect();
            if aims(&near) {
                return true;
            }
        }
        at = end;
    }
    false
}

/// Units a figure in prose carries; a bare number or a year (2023年) is not a value.
const UNITS: &[&str] = &[
    "%",
    "ポイント",
    "件",
    "人",
    "箇所",
    "か所",
    "ヵ所",
    "施設",
    "団体",
    "回",
    "冊",
    "円",
    "千円",
    "万",
    "億",
    "世帯",
    "台",
    "km",
    "m",
    "t",
    "トン",
    "kg",
    "割",
    "食",
    "本",
    "校",
    "区画",
    "社",
    "店",
    "戸",
    "日",
    "時間",
    "分",
    "倍",
    "件数",
    "事業",
    "手続",
    "講座",
    "人泊",
    "品",
    "g",
    "ha",
    "㎡",
];

/// Whether text states a value: digits (with , and .) followed by a unit.
fn has_value(text: &str) -> bool {
    values(text) > 0
}

/// Whether the figure starting at `at` carries a unit (「18,420千円」, not 「32」).
fn value_at(chars: &[char], at: usize) -> bool {
    /// Enough letters for a figure and the longest unit after it.
    const SPAN: usize = 24;
    let window: String = chars[at..(at + SPAN).min(chars.len())].iter().collect();
    let tail = unit_tail(&window);
    UNITS.iter().any(|u| tail.starts_with(u))
}

/// What follows the digits of a figure written from the start of `window`: its unit and what
/// comes after. A range carries the unit of its upper end: 「6~8人」「80〜85%」.
fn unit_tail(window: &str) -> &str {
    let digits = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut tail = window.trim_start_matches(digits).trim_start();
    // 「44万2千人」「3万1,800人」「4億8,200万円」: a figure written with 万 or 億 inside it.
    while let Some(rest) = tail.strip_prefix(['万', '億']).filter(|r| r.starts_with(|c: char| c.is_ascii_digit())) {
        tail = rest.trim_start_matches(digits);
        tail = tail.strip_prefix('千').unwrap_or(tail);
    }
    match tail.strip_prefix(['~', '〜', '～']).filter(|r| r.starts_with(|c: char| c.is_ascii_digit())) {
        Some(rest) => rest.trim_start_matches(digits).trim_start(),
        None => tail,
    }
}

/// How many values (digits followed by a unit) the text states.
fn values(text: &str) -> usize {
    let mut rest = text;
    let mut n = 0;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let after = &rest[at..];
        let end = after.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(after.len());
        let tail = after[end..].trim_start();
        if UNITS.iter().any(|u| tail.starts_with(u)) {
            n += 1;
        }
        rest = &after[end..];
    }
    n
}

/// Whether a record states a time: a period, a year, a start.
fn answers_when(record: &Record) -> bool {
    match &record.body {
        Body::Plan(p) => p.period.is_some(),
        Body::Measure(m) => m.start.is_some() || m.content.as_deref().is_some_and(has_period),
        Body::Indicator(i) => !i.yearly.is_empty() || i.target.as_ref().is_some_and(|t| t.year.is_some()),
        _ => !crate::ingest::value::years_in(&record.quote).is_empty(),
    }
}

/// Whether `text` holds a figure, followed by `unit` when one is given ("48,340食"). Amounts
/// of money stand in tables without their unit ("3,669,643" under 総事業費): for 円, a number
/// grouped by commas counts too.
fn has_figure(text: &str, unit: &str) -> bool {
    static GROUPED: Lazy<Regex> = Lazy::new(|| Regex::new(r"\d{1,3}(,\d{3})+").unwrap());
    // 「7 計画の推進」「(3)路網の整備」: the number of a heading counts nothing.
    static OUTLINE: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"(?:^|。)\s*\d{1,2}\s+[\p{Han}\p{Hiragana}\p{Katakana}]|[(（]\d{1,2}[)）]").unwrap());
    if unit == "円" && GROUPED.is_match(text) {
        return true;
    }
    let text = if unit.is_empty() { OUTLINE.replace_all(text, "") } else { std::borrow::Cow::Borrowed(text) };
    let text = text.as_ref();
    // 「4.5億円」 is in 円 too: a multiplier may stand between the figure and its unit.
    // 「職員1人あたりの月平均」: one of the unit with 当たり after it is a rate per unit, no count.
    let forms = unit_forms(unit);
    text.char_indices().any(|(i, c)| {
        c.is_ascii_digit() && {
            let rest = text[i + 1..].trim_start();
            let after = rest.trim_start_matches(['万', '億', '千', '百']);
            let lone_one = c == '1' && !text[..i].ends_with(|p: char| p.is_ascii_digit() || ".,".contains(p));
            forms.iter().any(|u| {
                let tail = rest.strip_prefix(u.as_str()).or_else(|| after.strip_prefix(u.as_str()));
                tail.is_some_and(|t| !(lone_one && PER_UNIT.iter().any(|w| t.starts_with(w))))
            })
        }
    })
}

/// The ways of writing a unit the question asks in (ヘクタール: ha), from the vocabulary.
fn unit_forms(unit: &str) -> Vec<String> {
    crate::ingest::roles::active().unit_forms(unit)
}

/// Whether the record's text names one of the years the question asks about.
/// A header cell that is a year and nothing else: 「R10」「令和10年度」「2030年度」.
fn is_year_cell(cell: &str) -> bool {
    !crate::ingest::value::years_in(cell).is_empty()
        && crate::ingest::value::strip_years(cell).trim().trim_matches(['(', ')']).is_empty()
}

/// A table header of yearly columns after a baseline: 「指標名 | 単位 | 現状値 | R6 | … | R10」.
fn yearly_header(header: &[String]) -> bool {
    let baseline = header.iter().position(|c| BASELINE_WORDS.iter().any(|w| c.contains(w)));
    baseline.is_some_and(|b| header[b + 1..].iter().filter(|c| is_year_cell(c)).count() >= 2)
}

fn years_match(asked: &[crate::ingest::value::Year], text: &str) -> bool {
    crate::ingest::value::years_in(text).iter().any(|y| asked.iter().any(|a| a.fiscal == y.fiscal))
}

/// Whether a passage states a period or a date: 令和5年度から…, 平成27年3月, ～.
fn has_period(text: &str) -> bool {
    let years = crate::ingest::value::years_in(text);
    !years.is_empty() && (has_span(text) || text.contains("期間") || text.contains("策定"))
}

/// Whether the text holds a year that a span starts or ends at: 「令和6年度から」「2029年度まで」
/// 「R7~R11」. 「いつまで」 is answered by such a year, not by when a plan was made (策定).
fn has_span(text: &str) -> bool {
    static SPAN: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?:\d{1,4}|元)\s*年度?(?:\s*\d{1,2}\s*月)?(?:\s*\(\s*\d{4}\s*年?度?\s*\))?\s*(?:から|まで|~|〜|～|-|－|―)|[RH]\d{1,2}\s*[~〜～-]")
            .unwrap()
    });
    SPAN.is_match(text)
}

/// Whether a word ending in 市/町/村 names a municipality: not when the dictionary knows it as
/// a common noun whose last letter the 市/町/村 is (山村, 農村, 都市, 下町); a name is read as a
/// name and a suffix of its own (横浜|市, 紅葉平|村), or as a proper noun (沢村).
fn names_a_place(tokenizer: &crate::index::tokenizer::JapaneseTokenizer, text: &str, place: &str) -> bool {
    let Some(last) = place.chars().last() else { return false };
    let morphemes = tokenizer.morphemes(text);
    text.match_indices(place).any(|(at, p)| {
        let end = at + p.len();
        let word = morphemes.iter().find(|m| m.end == end);
        !word.is_some_and(|m| m.start + last.len_utf8() < end && !m.pos.contains("固有名詞"))
    })
}

/// A record of 白鷺村's plan `title` on line 1 of data/plans/x.txt, for the tests of this
/// module and its submodules.
#[cfg(test)]
fn test_record(title: &str, body: Body) -> Record {
    use crate::ingest::record::{Section, Source};
    let source = Source {
        file: "data/plans/x.txt".into(),
        municipality: Some("白鷺村".into()),
        title: title.into(),
        edition: None,
        period: None,
    };
    let section = Section { number: None, title: String::new(), path: Vec::new() };
    Record { source, section, line: 1, line_end: 1, quote: String::new(), body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_in_prose_is_aimed_at_near_its_figure() {
        assert!(aims_at_a_figure("経常収支比率を令和10年度決算で90.0%以下とします。"));
        assert!(aims_at_a_figure("年間貸出冊数を現在の45万冊から令和12年度までに50万冊に増やします。"));
        assert!(aims_at_a_figure("この割合を令和11年度までに70%に引き上げることを目標とします。"));
        // A list of statistics that runs into a sentence about checking the targets.
        let list = "中央地域(人口28,410人) 駅周辺の再整備北部地域(人口15,062人) 生活利便施設の維持第6章 実現に向けて本計画の進捗は、おおむね5年ごとに目標指標の達成状況を点検します。";
        assert!(!aims_at_a_figure(list));
    }

    #[test]
    fn a_measures_words_hold_the_header_of_its_departments() {
        use crate::ingest::record::Measure;
        let body = Body::Measure(Measure {
            category: "具体的な取組".into(),
            number: None,
            name: "漁港の荷さばき所の衛生管理の高度化".into(),
            content: None,
            department_role: Some("町の担当課".into()),
            departments: vec!["建設課".into()],
            area: None,
            start: None,
            legend: None,
        });
        let (_, secondary) = match_texts(&test_record("浜の活力再生プラン", body));
        assert!(secondary.contains("町の担当課"), "{secondary}");
    }

    #[test]
    fn a_department_named_by_a_legend_cites_the_legend_after_its_record() {
        use crate::ingest::record::{Legend, Measure};
        let legend = Legend { line: 25, line_end: 26, quote: "担当課の略称 市民=市民課".into() };
        let measure = |legend: Option<Legend>| {
            Body::Measure(Measure {
                category: "取組".into(),
                number: None,
                name: "書かない窓口の導入".into(),
                content: None,
                department_role: None,
                departments: vec!["市民課".into()],
                area: None,
                start: None,
                legend,
            })
        };
        let records = [test_record("行革", measure(Some(legend))), test_record("行革", measure(None))];
        let cited: Vec<(usize, usize)> = Citation::all(&records).iter().map(|c| (c.line, c.line_end)).collect();
        assert_eq!(cited, [(1, 1), (25, 26), (1, 1)]);
    }

    #[test]
    fn a_unit_in_brackets_at_the_end_of_a_name() {
        use crate::ingest::value::name_unit;
        assert_eq!(name_unit("排出量(千t-CO2)"), Some("千t-CO2"));
        assert_eq!(name_unit("リサイクル率(%)"), Some("%"));
        assert_eq!(name_unit("満足度(市民意識調査)"), None);
        assert_eq!(name_unit("成約件数(累計)"), None);
        // A unit per year is a unit; a span of years is no unit.
        assert_eq!(name_unit("空き家バンクを通じた成約件数(件/年)"), Some("件/年"));
        assert_eq!(name_unit("新規就農者数(5年間)"), None);
        assert_eq!(name_unit("利用者数(令和6年/年)"), None);
        assert_eq!(name_unit("自治会の加入率"), None);
        // A bracket of a few letters is a unit only when the vocabulary knows it as one.
        let vocabulary = crate::ingest::roles::Vocabulary::built_in();
        assert!(["千t-CO2", "件/年", "か所", "%"].iter().all(|u| vocabulary.is_unit(u)));
        assert!(!vocabulary.is_unit("市内路線") && !vocabulary.is_unit("延べ人数"));
    }

    #[test]
    fn a_unit_asked_in_another_writing() {
        // What follows a figure is read within its sentence.
        let chars: Vec<char> = "バスは67台(82.7%)。国の目標は約80%です。".chars().collect();
        let at = chars.iter().position(|c| *c == '8').unwrap();
        assert_eq!(figure_role(&chars, 0, at), Role::Unmarked);
        assert!(has_figure("保全地域の面積 312ha", "ヘクタール"));
        assert!(has_figure("自転車レーン 52.0km", "キロ"));
        assert!(has_figure("避難所 24箇所", "か所"));
        assert!(!has_figure("都市公園面積 8.0m2/人", "ヘクタール"));
    }

    #[test]
    fn figures_with_and_without_a_unit() {
        assert!(has_figure("人口5万人以上", "万人"));
        assert!(has_figure("備蓄食料 48,340 食", "食"));
        assert!(has_figure("令和5年度", ""));
        assert!(!has_figure("交流人口の増加", "人"));
        assert!(!has_figure("10件", "人"));
        assert!(has_figure("総事業費 3,669,643", "円"));
        assert!(!has_figure("令和5年度決算", "円"));
        assert!(has_figure("売上高 3.8億円 ▶ 4.5億円", "円"));
    }

    fn at_(needle: &str, text: &str) -> usize {
        text[..text.find(needle).unwrap()].chars().count()
    }

    #[test]
    fn a_figure_after_a_word_of_its_own_in_a_bracket_is_that_words() {
        use crate::index::{dictionary, tokenizer::JapaneseTokenizer};
        let t = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
        let terms = matching::question_terms(&t, "職員は何人", &[]);
        let related = Related { words: Vec::new(), of_term: vec![Vec::new(); terms.len()] };
        let text = "全職員を対象に調べました（回答 112人、回答率 87.5%）。職員数は（令和6年4月現在 128人）です。";
        let chars: Vec<char> = text.chars().collect();
        let (respondents, staff) = (at_("112", text), at_("128", text));
        assert!(labelled_in_bracket(&terms, &related, &chars, at_("職員を", text), respondents));
        // A bracket that only dates the figure gives it no other subject.
        assert!(!labelled_in_bracket(&terms, &related, &chars, at_("職員数", text), staff));
        // A bracket of no word after another noun of the clause holds that noun's figure.
        let terms = matching::question_terms(&t, "財政調整基金って今いくら", &[]);
        let related = Related { words: Vec::new(), of_term: vec![Vec::new(); terms.len()] };
        let text = "財政調整基金の残高は、標準財政規模（約38億円）の15％にあたる額を確保します。";
        let chars: Vec<char> = text.chars().collect();
        assert!(labelled_in_bracket(&terms, &related, &chars, at_("の残高", text), at_("38", text)));
        let text = "財政調整基金の残高（11.4億円）は減っています。";
        let chars: Vec<char> = text.chars().collect();
        assert!(!labelled_in_bracket(&terms, &related, &chars, at_("の残高", text), at_("11.4", text)));
    }

    #[test]
    fn figures_listed_before_the_noun_they_count() {
        let words = vec!["人口".chars().collect::<Vec<char>>()];
        let covered = |t: &str| t.contains("人口");
        let text = "本町は、2040年に12,500人、2060年に10,000人程度の人口を維持することを目指します。";
        let chars: Vec<char> = text.chars().collect();
        assert!(qualifies_after(&chars, at_("12,500", text), &words, covered));
        // The noun of another clause, after the particle that closes the figure's, counts none.
        let text = "2040年に12,500人が転入し、人口を維持します。";
        let chars: Vec<char> = text.chars().collect();
        assert!(!qualifies_after(&chars, at_("12,500", text), &words, covered));
    }

    #[test]
    fn a_count_followed_by_the_noun_it_counts() {
        let noun = |text: &str, figure: &str| counted_noun(&text.chars().collect::<Vec<char>>(), at_(figure, text));
        let text = "2040年に12,500人、2060年に10,000人程度の人口を維持します。";
        assert_eq!(noun(text, "10,000").as_deref(), Some("人口"));
        assert_eq!(noun(text, "12,500").as_deref(), Some("人口"));
        assert_eq!(noun("現状の12団体の維持を目標とする。", "12"), None);
        // Another clause between the figure and a noun: no noun of the figure's.
        assert_eq!(noun("参加者は120人、講座の充実を図ります。", "120"), None);
        // A figure that ends its clause, or a share, counts no noun after it.
        assert_eq!(noun("転出者を年600人に減らします。", "600"), None);
        assert_eq!(noun("加入率を80%の水準に高めます。", "80"), None);
    }

    #[test]
    fn a_caption_numbers_a_chart_or_a_table() {
        assert!(CAPTION.is_match(" 図3-3 住宅用火災警報器の設置率(市調査) 令和6年 "));
        assert!(CAPTION.is_match("表1 登下校中の交通事故件数 令和2年 "));
        assert!(!CAPTION.is_match("図書館 3館の貸出冊数は "));
        assert!(!CAPTION.is_match("地図3枚を作ります。"));
    }

    #[test]
    fn the_topics_own_sentence_must_state_the_target() {
        let ask = |t: &str| question::analyse(&crate::ingest::normalize::text(t), &[]);
        let passage = "町の世帯数は平成27年に3,100世帯でしたが、令和2年には2,870世帯に減りました。空き家率は12.5%です。空き家の活用件数は令和9年度までに30件に増やします。";
        let text: Vec<char> = passage.chars().collect();
        let rate = sentence_at(&text, at_("12.5", passage));
        assert_eq!(rate, "空き家率は12.5%です。");
        // A current figure said in passing is no target, though the passage holds other figures.
        assert!(!sentence_states(Intent::Target, &ask("空き家率の目標は？"), &rate));
        let use_ = sentence_at(&text, at_("30件", passage));
        assert!(sentence_states(Intent::Target, &ask("空き家の活用件数の目標は？"), &use_));
        // A table of contents run into the text names 目標 far before a statistic: no target.
        let toc = "目次Ⅰ 森林の整備に関する事項Ⅱ 森林の保護に関する事項Ⅲ 計画の目標Ⅰ 森林の整備に関する事項第1 地域の概要1 自然的条件本町の総土地面積は18,640haで、そのうち森林面積は15,212ha(森林率81.6%)である。";
        let chars: Vec<char> = toc.chars().collect();
        let at = at_("81.6", toc);
        assert!(sentence_states(Intent::Target, &ask("森林率の目標は？"), &sentence_at(&chars, at)));
        assert!(!sentence_states(Intent::Target, &ask("森林率の目標は？"), &near_sentence(&chars, at)));
        assert_eq!(near_sentence(&text, at_("30件", passage)), sentence_at(&text, at_("30件", passage)));
        // 「何人」 wants a figure in 人, which a sentence of percentages does not give.
        let survey = "調査では「窓口の対応がよい」は68.2%、「手続きが早い」は41.0%でした。";
        assert!(!sentence_states(Intent::Target, &ask("窓口の職員数は何人にする？"), survey));
    }

    #[test]
    fn a_page_number_is_no_value() {
        let chars: Vec<char> = "農林課32-施策2-1健康づくり 被害額は18,420千円".chars().collect();
        let at = |figure: &str| {
            chars
                .iter()
                .collect::<String>()
                .find(figure)
                .map(|b| chars.iter().collect::<String>()[..b].chars().count())
                .unwrap()
        };
        assert!(!value_at(&chars, at("32")));
        assert!(value_at(&chars, at("18,420")));
    }

    #[test]
    fn a_span_of_years_is_a_period_and_a_year_in_passing_is_not() {
        assert!(has_period("計画期間は令和6年度から令和10年度までの5年間です"));
        assert!(has_period("前期(R6~R9)と後期に分けます"));
        assert!(!has_period("前回調査(平成30年)の51.2%から下がりました"));
    }

    #[test]
    fn another_bodys_figure_by_its_name() {
        assert!(names_another_body("県全体の漁業生産額"));
        assert!(names_another_body("全国平均の有収率"));
        assert!(!names_another_body("県道の改良率"));
        assert!(!names_another_body("国際交流イベントの参加者数"));
    }

    #[test]
    fn the_row_of_a_tables_total() {
        let row = |name: &str, group: Option<&str>| {
            let mut i =
                crate::ingest::record::Indicator::row("指標", name.into(), group.map(str::to_string), None, None);
            i.description = group.map(str::to_string);
            test_record("白鷺村 計画", Body::Indicator(Box::new(i)))
        };
        assert!(is_total_row(&row("被害金額", Some("合計"))));
        assert!(is_total_row(&row("計", None)));
        assert!(!is_total_row(&row("被害金額", Some("イノシシ"))));
        assert!(!is_total_row(&row("計画の数", None)));
    }

    #[test]
    fn an_earlier_plans_target_is_looked_back_on() {
        assert!(looks_back("「学習会の参加者数」は、目標値300人に対して、結果は240人でした"));
        assert!(!looks_back("目標値80%に対して、現状は60%です"));
        assert!(looks_back("第11次計画では「死者数を2人以下」とする目標を掲げましたが、5年間で14人でした"));
        assert!(looks_back("第2次計画では、令和5年度の普及率の目標を82.0%としたが、78.6%にとどまった"));
        // 「…の目標値を65.0%としていました」: a target that was, the figure between.
        assert!(looks_back("前期基本計画では、子育てしやすいまちだと思う市民の割合の目標値を65.0%としていました"));
        assert!(!looks_back("子育てしやすいまちだと思う市民の割合の目標値を70.0%とします"));
        assert!(was_the_target("第2期の移住者数の目標は年間100人でした"));
        assert!(!was_the_target("移住者数の目標は年間120人です"));
        assert!(!was_the_target("寄附件数は8,930件でした"));
        assert!(tells_a_series("図 :刑法犯認知件数の推移(平成25年 2,310件 → 令和5年 1,048件)"));
        assert!(!tells_a_series("件数の推移を踏まえ、令和11年に900件以下をめざします"));
        assert_eq!(figure_role(&"3,000人以上の駅に当たります".chars().collect::<Vec<_>>(), 0, 0), Role::Unmarked);
        let q = question::analyse(&crate::ingest::normalize::text("観光客数の目標は？"), &[]);
        let past = "前計画(平成30年度~令和4年度)では、観光客数50万人を目標としましたが、達成できませんでした。";
        assert!(!sentence_states(Intent::Target, &q, past));
        assert!(sentence_states(Intent::Target, &q, "観光客数を令和10年に60万人に増やします。"));
    }

    #[test]
    fn an_age_bound_is_no_aim() {
        assert!(!aims("相談は1,186件で、うち65歳以上の方からの相談が42.3%を占めました。"));
        assert!(aims("参加者を100人以上にします。"));
        assert!(aims("65歳以上の受診率を50%以上とします。"));
        assert!(!aims("乗降客数は約18,400人で、3,000人以上の駅に当たります。"));
    }

    #[test]
    fn a_goal_is_aimed_at_not_counted() {
        // Figures beside each other state what is; an aiming word or an arrow states a goal.
        assert!(!aims("住宅は2,300戸、空き家は310戸で、空き家率は13.5%でした。"));
        assert!(aims("空き家の活用件数を令和9年度までに30件にします。"));
        assert!(aims("公民館の利用者数 12,400人 ▶▶ 15,000人"));
        assert!(aims("利用者数 12,400人 → 15,000人"));
        assert!(!aims("令和3年 → 令和5年の推移"));
    }

    #[test]
    fn a_dash_or_an_unknown_figure_is_no_value() {
        let v = |cell: &str| crate::ingest::value::parse(cell, 1).unwrap();
        assert!(no_value(&v("―")));
        assert!(no_value(&v("●●%")));
        assert!(!no_value(&v("維持")));
        assert!(!no_value(&v("1,500人")));
        // 「〃」 (as above) and a bare year are no figure either.
        assert!(no_value(&v("〃")));
        assert!(no_value(&v("R11")));
        assert!(no_value(&v("―（目標は設定しない）")));
        assert!(no_value(&v("*2")) && no_value(&v("※1")));
        assert!(!no_value(&v("100(R11)")));
        assert!(no_value(&v("令和12年度")));
        assert!(!no_value(&v("12件")));
    }

    /// The role of the first figure of `text` that starts with `figure`, the topic named at 0.
    fn role_of(text: &str, figure: &str) -> Role {
        let chars: Vec<char> = text.chars().collect();
        let at = text[..text.find(figure).unwrap()].chars().count();
        figure_role(&chars, 0, at)
    }

    #[test]
    fn a_baseline_is_not_a_target() {
        let sentence = "空き家の活用件数を、現状の12件から令和12年度までに30件に増やします。";
        assert_eq!(role_of(sentence, "12件"), Role::Baseline);
        assert_eq!(role_of(sentence, "30件"), Role::Target);
        // A row drawn with an arrow: before it the baseline, after it the target.
        assert_eq!(role_of("交付率 36.1 % ▶▶ 100.0 %", "36.1"), Role::Baseline);
        assert_eq!(role_of("交付率 36.1 % ▶▶ 100.0 %", "100.0"), Role::Target);
        // Labels before their figures, and after them as yearly tables write them.
        assert_eq!(role_of("基準値(令和4年度):14.2時間 目標値(令和9年度):10時間未満", "14.2"), Role::Baseline);
        assert_eq!(role_of("令和元年度 98,450冊 実績 令和9年度 110,000冊 目標", "98,450"), Role::Baseline);
        assert_eq!(role_of("令和元年度 98,450冊 実績 令和9年度 110,000冊 目標", "110,000"), Role::Target);
        assert_eq!(role_of("利用者数 310人 380人", "310"), Role::Unmarked);
    }

    #[test]
    fn a_change_told_in_the_past_is_no_target() {
        // 「に減」 follows the figure, but the clause tells what happened.
        assert_eq!(role_of("茶の出荷額は10年前の7割に減りました。", "7割"), Role::Baseline);
        assert_eq!(role_of("貸出冊数は50万冊に増えています。", "50万冊"), Role::Baseline);
        assert_eq!(role_of("貸出冊数を50万冊に増やします。", "50万冊"), Role::Target);
        // Nor does a clause that foretells what comes of itself (増える, not 増やす).
        assert_eq!(role_of("20年後には104橋(77.6%)に増えます。", "104橋"), Role::Unmarked);
        assert_eq!(role_of("令和12年度には4,570tに減ると見込まれます。", "4,570t"), Role::Unmarked);
        assert_eq!(role_of("貸出冊数が50万冊に増えるよう取り組みます。", "50万冊"), Role::Target);
        assert_eq!(role_of("貸出冊数を50万冊に増やすことを目標としています。", "50万冊"), Role::Target);
    }

    #[test]
    fn a_far_kara_says_nothing_of_the_figure() {
        // 「から」 right after a figure: where the change starts.
        assert_eq!(role_of("貸出冊数を現在の45万冊から50万冊に", "45万冊"), Role::Baseline);
        // Further back, it belongs to other words of the cell.
        assert_eq!(role_of("管路の耐震化 浄水場から配水池までの導水管更新(延長4.2km)", "4.2km"), Role::Unmarked);
    }

    #[test]
    fn a_rule_or_an_item_mark_ends_a_sentence() {
        let text = "★めざす数字 参加する人 いま 102人 ▶ 5年後 150人━━━━━━分野3 産業━━━━━━特産の茶の出荷額は令和5年に2億円で、7割に減りました。";
        let chars: Vec<char> = text.chars().collect();
        let at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
        let sentence = sentence_at(&chars, at("2億円"));
        assert_eq!(sentence, "特産の茶の出荷額は令和5年に2億円で、7割に減りました。");
        // The arrows of the list above no longer make it aim at anything.
        let q = question::analyse("茶の出荷額の目標は？", &[]);
        assert!(!sentence_states(Intent::Target, &q, &sentence));
        assert_eq!(sentence_at(&chars, at("102人")), "★めざす数字 参加する人 いま 102人 ▶ 5年後 150人");
        // A table's header rule (|---|) does not part the header from its rows.
        let table: Vec<char> = "区分 会員数 --- --- 現状値 142人".chars().collect();
        assert_eq!(sentence_start(&table, 0, table.len() - 1), 0);
    }

    #[test]
    fn a_department_after_its_label_with_the_topic_said_by_a_stand_in() {
        let terms = vec![Term::new("避難".into(), 4.0), Term::new("エアコン".into(), 4.0)];
        let related = Related { words: Vec::new(), of_term: vec![Vec::new(), vec![("空調".into(), 1.0)]] };
        let text = "避難所の環境改善 指定避難所(32か所)に空調・非常用電源を整えます。 所管:危機管理課、教育総務課 KPI 非常用電源の割合";
        let record = test_record("白鷺村 計画", Body::Passage(crate::ingest::record::Passage { text: text.into() }));
        let found = topic_department(&terms, &related, &record).expect("所管 labels the department");
        assert!(found.ends_with("危機管理課、教育総務課"), "{found}");
        // Without the stand-in, the text does not hold the topic.
        let alone = Related { words: Vec::new(), of_term: vec![Vec::new(), Vec::new()] };
        assert!(topic_department(&terms, &alone, &record).is_none());
    }

    #[test]
    fn departments_after_a_label_are_read_whole_with_kana_and_other_endings() {
        let related = Related { words: Vec::new(), of_term: vec![Vec::new(), Vec::new()] };
        let passage = |text: &str| {
            test_record("白鷺村 計画", Body::Passage(crate::ingest::record::Passage { text: text.into() }))
        };
        let terms = vec![Term::new("キャッチアップ".into(), 4.0), Term::new("接種".into(), 4.0)];
        let record = passage("<LBody>ワクチンの接種勧奨とキャッチアップ接種の周知【担当:子育て支援課】</LBody>");
        let found = topic_department(&terms, &related, &record).expect("a labelled department");
        assert!(found.ends_with("周知 担当:子育て支援課"), "{found}");
        let terms = vec![Term::new("デジタル".into(), 4.0), Term::new("アーカイブ".into(), 4.0)];
        let found = topic_department(&terms, &related, &passage("デジタルアーカイブ化と公開 担当:郷土資料館 次の行"))
            .expect("a body other than a 課");
        assert!(found.ends_with("担当:郷土資料館"), "{found}");
        // A label followed by no department's name says nothing.
        let record = passage("デジタルアーカイブ化と公開 担当者が決まり次第お知らせします");
        assert_eq!(topic_department(&terms, &related, &record), None);
    }

    #[test]
    fn a_sentence_that_tells_who_is_in_charge_after_the_figures() {
        let terms = vec![Term::new("手話".into(), 4.0), Term::new("講座".into(), 4.0)];
        let related = Related { words: Vec::new(), of_term: vec![Vec::new(), Vec::new()] };
        let text = "1つ目の指標は、「読書会の参加者数」です。担当は図書館です。2つ目の指標は、「手話講座の修了者数」です。現状値は、令和5年度の年間38人です。目標値は、令和11年度に年間60人です。担当は福祉課と生涯学習課です。";
        let record = test_record("白鷺村 計画", Body::Passage(crate::ingest::record::Passage { text: text.into() }));
        let found = topic_department(&terms, &related, &record).expect("担当は tells the department");
        assert!(found.ends_with("福祉課と生涯学習課"), "{found}");
    }

    #[test]
    fn another_bodys_figure_is_not_the_plans() {
        assert!(of_another_body("(参考)全国平均(2022年度)は、有収率90.1%、基幹管路の耐震適合率"));
        assert!(of_another_body("国の高齢化率"));
        // A word of the topic's own name is no other body.
        assert!(!of_another_body("窓口の平均待ち時間 "));
        assert!(!of_another_body("外国の方の相談件数 "));
        // The plan names itself after the other body: the figure is its own.
        assert!(!of_another_body("国の目標12%を踏まえ、本町は"));
        assert!(!of_another_body("町の総人口は18,920人、65歳以上の高齢者人口は6,712人で、高齢化率は"));
    }

    #[test]
    fn a_current_figure_is_told_as_now() {
        let chars = |t: &str| -> Vec<char> { t.chars().collect() };
        let at = |t: &str, f: &str| t[..t.find(f).unwrap()].chars().count();
        let told = "荒廃農地は41.2haあり、その多くが水田です。";
        assert!(says_now(&chars(told), 0, at(told, "41.2")));
        let dated = "高齢化率 令和6年 44.8%";
        assert!(says_now(&chars(dated), 0, at(dated, "44.8")));
        // The length of a pipe a measure renews is no state of anything.
        let measure = "管路の耐震化 浄水場から配水池までの導水管更新(延長4.2km) 工務係";
        assert!(!says_now(&chars(measure), 0, at(measure, "4.2")));
        // The first of a row of figures is its baseline; a lone figure in a cell is not.
        let row = "利用者数 310人 380人";
        assert!(heads_a_row(&chars(row), 0, at(row, "310")));
        assert!(!heads_a_row(&chars(measure), 0, at(measure, "4.2")));
    }

    #[test]
    fn a_supposed_figure_is_no_statement() {
        assert!(hedged("前回の委員会では500件とされていたと思いますが、確認をお願いします。"));
        assert!(hedged("目標は450件で足りるのではないでしょうか"));
        assert!(!hedged("相談件数を令和11年度に450件にします。"));
    }

    #[test]
    fn the_unit_of_the_figure_must_be_the_unit_asked() {
        let fits = |question: &str, text: &str| {
            let q = question::analyse(question, &[]);
            let chars: Vec<char> = text.chars().collect();
            unit_fits(&q, &chars, 0)
        };
        assert!(fits("職員数は何人にする？", "1,200人以下"));
        // 「1人当たり」 counts no people, and hours are not people.
        assert!(!fits("職員数は何人にする？", "1人当たりの時間外勤務"));
        assert!(!fits("職員数は何人にする？", "10時間未満"));
        // A rate, or a satisfaction, is a share.
        assert!(fits("受診率の目標は？", "60.0%"));
        assert!(!fits("受診率の目標は？", "3,400人"));
        assert!(!fits("観光客の満足度は？", "48人"));
        // A range carries the unit of its upper end; 万円 is in 円.
        assert!(fits("新規就農者は何人？", "6~8人"));
        assert!(fits("売上はいくら？", "3,000万円"));
        assert!(fits("観光客は何人？", "22万人"));
        // 「1地区年10万円」 is a rate per district, not a count of districts; 1,050人 is a count.
        assert!(!fits("協定の地区、何地区まで増やすの？", "1地区年10万円以内を支援"));
        assert!(fits("協定の地区、何地区まで増やすの？", "5地区(令和11年度)"));
        assert!(fits("職員は何人まで減らすの？", "1,050人(R12)"));
    }

    #[test]
    fn a_comparison_tells_what_is() {
        assert!(tells_what_is("68.4%(令和6年度)で、県平均(72.1%)を下回る"));
        assert!(!tells_what_is("80%とし、県平均を上回ることを目指します"));
    }

    #[test]
    fn one_of_a_unit_per_something_is_no_figure_in_that_unit() {
        assert!(!has_figure("職員1人あたりの月平均 14.6 14.0 13.0", "人"));
        assert!(has_figure("職員数(普通会計) 186人(令和6年4月1日)", "人"));
        assert!(has_figure("相談員は1人です", "人"));
        assert!(has_figure("21人あたりに1台", "人"));
    }

    #[test]
    fn a_count_is_not_a_measure() {
        assert!(measured("時間") && measured("万円") && measured("ha") && measured("t-CO2") && measured("%"));
        assert!(!measured("件/年") && !measured("か所") && !measured("人") && !measured("団体") && !measured(""));
    }

    #[test]
    fn a_row_of_one_part_is_named_in_brackets() {
        assert!(names_a_part("障害者である職員の実雇用率(%)(町長部局)"));
        assert!(names_a_part("市税の収納率(現年課税分)"));
        assert!(!names_a_part("障害者である職員の実雇用率(%)"));
        assert!(!names_a_part("新規漁業就業者数(5年間の累計)"));
        assert!(!names_a_part("市民活動センターの利用者数(年間延べ)"));
        assert!(!names_a_part("市税の収納率"));
    }

    #[test]
    fn a_change_others_make_is_no_aim() {
        assert!(done_by_others("2.9%に引き上げられます"));
        assert!(!done_by_others("80%に引き上げます"));
        assert!(!done_by_others("5件以上に高められるよう取り組みます"));
    }

    #[test]
    fn a_projection_is_no_target_unless_it_says_so() {
        assert!(projects("推計では、令和22年に3万2,000人まで減少すると見込まれています。"));
        assert!(!projects("人口は令和22年に3万人を維持することを目標とします（推計を上回る）。"));
        // A list item of a trial calculation flattened with the next heading's label.
        assert!(projects("・試算:児童館の年間利用者数 26,750人(仮) 基本目標3 地域で子どもを見守る"));
        assert!(!projects("空き家の活用件数を30件に増やします。"));
        assert!(projects("温室効果ガスの削減効果は、令和17年度に年間約4,100t-CO2を見込んでいます"));
    }

    #[test]
    fn figures_of_a_text_as_written() {
        assert_eq!(figures_in("現状 32人(令和3年) ⇒ 目標 50人"), vec!["32人", "50人"]);
        assert_eq!(figures_in("年6~8人を確保"), vec!["6~8人"]);
        // A figure written with 万 inside it is one figure.
        assert_eq!(figures_in("令和6年は44万2千人、宿泊者数は3万1,800人"), vec!["44万2千人", "3万1,800人"]);
        // A year is no figure.
        assert!(figures_in("令和12年度まで").is_empty());
    }

    #[test]
    fn values_in_prose_carry_a_unit() {
        assert!(has_value("年間貸出冊数を現在の45万冊から50万冊に増やします"));
        assert!(has_value("加入率を85.5%以上にします"));
        assert!(has_value("1,200 件に削減します"));
        assert!(!has_value("令和12年度までに推進します"));
        assert!(!has_value("2023年から取り組みます"));
    }

    fn record(body: Body) -> Record {
        test_record("白鷺村 教育計画", body)
    }

    fn indicator(name: &str) -> Record {
        record(Body::Indicator(Box::new(crate::ingest::record::Indicator::row("指標", name.into(), None, None, None))))
    }

    #[test]
    fn records_of_one_line_keep_one_order_whatever_order_they_come_in() {
        // A yearly table's row read twice (as a row and as a series) stands on one line; the
        // order two such ties take must not be the one the index happened to store them in.
        let row = |target: &str| {
            let target = crate::ingest::value::parse(target, 1);
            record(Body::Indicator(Box::new(crate::ingest::record::Indicator::row(
                "指標",
                "EVの登録台数".into(),
                None,
                None,
                target,
            ))))
        };
        let (a, b) = (row("612"), row("2500"));
        assert_ne!(in_document_order(&a, &b), std::cmp::Ordering::Equal);
        assert_eq!(in_document_order(&a, &b), in_document_order(&b, &a).reverse());
        let mut one = vec![a.clone(), b.clone()];
        let mut other = vec![b, a];
        one.sort_by(in_document_order);
        other.sort_by(in_document_order);
        assert_eq!(one, other);
    }

    #[test]
    fn a_second_figure_in_brackets_answers_its_unit() {
        let ask = |t: &str| question::analyse(&crate::ingest::normalize::text(t), &[]);
        let with = |cell: &str| {
            let target = crate::ingest::value::parse(cell, 1);
            record(Body::Indicator(Box::new(crate::ingest::record::Indicator::row(
                "指標",
                "子育てひろば設置数(利用者数)".into(),
                None,
                None,
                target,
            ))))
        };
        let q = ask("子育てひろばの利用者は何人にする？");
        assert!(admissible(Intent::Target, &q, &with("3箇所(1,200人)")));
        assert!(!admissible(Intent::Target, &q, &with("3箇所")));
    }

    #[test]
    fn the_period_of_a_whole_plan_is_not_its_later_half() {
        let ask = |t: &str| question::analyse(&crate::ingest::normalize::text(t), &[]);
        let plan = |name: &str| {
            let p = crate::ingest::record::Plan {
                name: name.into(),
                period: Some("令和6年度〜令和13年度".into()),
                summary: None,
            };
            record(Body::Plan(p))
        };
        let q = ask("生涯学習推進計画の後期っていつから？");
        assert!(asks_another_edition("成年後見の計画の１期目っていつまで？", "第2期成年後見制度利用促進基本計画"));
        assert!(!asks_another_edition("第２期の計画はいつまで？", "第2期成年後見制度利用促進基本計画"));
        assert!(!asks_another_edition("行政改革大綱は何年度まで？", "第4次行政改革大綱"));
        assert!(!admissible(Intent::Period, &q, &plan("第3次生涯学習推進計画")));
        assert!(admissible(Intent::Period, &q, &plan("生涯学習推進計画(後期)")));
        assert!(admissible(Intent::Period, &ask("生涯学習推進計画っていつから？"), &plan("第3次生涯学習推進計画")));
        // Nor is it when the plan is reviewed.
        assert!(!admissible(
            Intent::Period,
            &ask("生涯学習推進計画の見直しっていつやるの？"),
            &plan("第3次生涯学習推進計画")
        ));
        // Nor when its midpoint is checked, whatever the check is called; a passage that dates
        // the midpoint is.
        let midpoint = ask("財政健全化計画、中間の点検はいつですか");
        assert!(!admissible(Intent::Period, &midpoint, &plan("財政健全化計画")));
        let text = "計画期間は令和8年度から令和12年度までの5年間とし、令和10年度に中間の点検を行います。";
        let dated = Record {
            quote: text.into(),
            ..record(Body::Passage(crate::ingest::record::Passage { text: text.into() }))
        };
        assert!(admissible(Intent::Period, &midpoint, &dated));
    }

    #[test]
    fn a_compound_said_with_a_particle_between_is_held_together() {
        let compound = vec![vec!["全戸".to_string(), "配布".to_string()]];
        assert!(!holds_apart("内水ハザードマップを改訂し、全戸に配布します", &compound));
        assert!(!holds_apart("全戸配布", &compound));
        let booking = vec![vec!["ai".to_string(), "予約".to_string()]];
        assert!(!holds_apart("aiによる予約・配車システムの導入", &booking));
        // Apart in a sentence, the words say something else.
        assert!(holds_apart("全戸訪問を行い、チラシを配布します", &compound));
        // A word of two kanji after the particle, or before a one-letter suffix, still says it.
        let returned = vec![vec!["免許".to_string(), "返納".to_string()]];
        assert!(!holds_apart("運転免許を自主返納した高齢者", &returned));
        // The first word with a one-letter suffix before the particle (免許証を).
        assert!(!holds_apart("運転免許証を自主返納した高齢者", &returned));
        assert!(!holds_apart("運転免許証を返納した高齢者", &returned));
        assert!(holds_apart("免許証の写しと返納届", &returned));
        let ticket = vec![vec!["タクシー".to_string(), "券".to_string()]];
        assert!(!holds_apart("バス・タクシー利用券の交付", &ticket));
        // A word of its own between is another compound (行政サービス改革 is no 行政改革).
        let reform = vec![vec!["行政".to_string(), "改革".to_string()]];
        assert!(holds_apart("行政サービス改革の推進", &reform));
        assert!(holds_apart("行政組織改革の推進", &reform));
        // A hyphen writes one word, its parts said together (Wi-Fiの整備 for wifi整備).
        let wifi = vec![vec!["wi".to_string(), "fi".to_string(), "整備".to_string()]];
        assert!(!holds_apart("コミュニティセンターの指定管理とwi-fiの整備", &wifi));
    }

    #[test]
    fn a_superlative_is_not_answered_by_a_text_without_figures() {
        let title = record(Body::Passage(crate::ingest::record::Passage {
            text: "【孤独を感じたきっかけ(複数回答)】".into(),
        }));
        let ranked =
            record(Body::Passage(crate::ingest::record::Passage { text: "1 家族との死別 38.4%".into() }));
        let ask = |text: &str| question::analyse(text, &[]);
        assert!(!admissible(Intent::Lookup, &ask("きっかけで一番多いのは何？"), &title));
        assert!(admissible(Intent::Lookup, &ask("きっかけで一番多いのは何？"), &ranked));
        assert!(admissible(Intent::Lookup, &ask("きっかけは何？"), &title));
    }

    #[test]
    fn a_verb_asked_is_said_conjugated() {
        assert!(says_verb("保つ", "標準財政規模の10%以上に保ちます"));
        assert!(says_verb("減らす", "半分に減らします"));
        assert!(!says_verb("保つ", "保育所の定員"));
        assert!(!says_verb("つくる", "まちをつなぐ"));
    }

    #[test]
    fn a_row_going_the_other_way_than_the_verb_asked_is_no_answer() {
        let row = |name: &str, from: &str, to: &str| {
            let i = crate::ingest::record::Indicator::row(
                "指標",
                name.into(),
                None,
                crate::ingest::value::parse(from, 1),
                crate::ingest::value::parse(to, 1),
            );
            record(Body::Indicator(Box::new(i)))
        };
        let ask = |text: &str| question::analyse(text, &[]);
        let trained = row("研修を受けた教職員の割合", "38.0%", "100%");
        assert!(!admissible(Intent::Target, &ask("不登校を何％まで減らす目標？"), &trained));
        assert!(admissible(Intent::Target, &ask("研修を受けた教職員の割合を何％まで増やす？"), &trained));
        assert!(admissible(Intent::Target, &ask("研修を受けた教職員の割合の目標は？"), &trained));
        // A row whose figure is a change itself goes up as what is reduced goes down.
        let cut = row("ごみ排出量の削減率", "5%", "15%");
        assert!(admissible(Intent::Target, &ask("ごみを何％減らす目標？"), &cut));
    }

    #[test]
    fn a_count_asked_is_not_answered_by_a_share() {
        let share = crate::ingest::record::Indicator::row(
            "指標",
            "休日の文化部活動の地域移行率".into(),
            None,
            crate::ingest::value::parse("8.3%", 1),
            crate::ingest::value::parse("70%", 1),
        );
        let record = record(Body::Indicator(Box::new(share)));
        let ask = |text: &str| question::analyse(text, &[]);
        assert!(!admissible(Intent::Target, &ask("部活動の数をいくつまで減らす目標？"), &record));
        assert!(!admissible(Intent::Target, &ask("地域移行、いくつに増やすの？"), &record));
        // 「目標はいくつ？」 asks for the figure; a share asked is a share.
        assert!(admissible(Intent::Target, &ask("地域移行率の目標はいくつ？"), &record));
        assert!(admissible(Intent::Target, &ask("地域移行の割合の数値をいくつに？"), &record));
    }

    #[test]
    fn a_number_of_cases_is_not_answered_by_a_share() {
        let share = crate::ingest::record::Indicator::row(
            "指標",
            "ギャンブル等の相談窓口を知っている市民の割合".into(),
            None,
            crate::ingest::value::parse("16.3%", 1),
            crate::ingest::value::parse("40.0%", 1),
        );
        let record = record(Body::Indicator(Box::new(share)));
        let ask = |text: &str| question::analyse(text, &[]);
        assert!(!admissible(Intent::Current, &ask("ギャンブルの相談件数、今どれくらい？"), &record));
        assert!(admissible(Intent::Current, &ask("ギャンブルの相談窓口、今どれくらい知られてる？"), &record));
    }

    #[test]
    fn a_sentence_is_about_the_words_before_its_first_topic_mark() {
        assert_eq!(
            subject("・市の精神保健福祉相談のうち、ギャンブル等に関する相談は令和6年度に延べ96件でした。"),
            Some("ギャンブル等に関する相談")
        );
        // A time or a place marked with は is no subject.
        assert_eq!(subject("令和6年度には、市の相談件数は96件でした。"), Some("市の相談件数"));
        assert_eq!(subject("相談を受けました。"), None);
    }

    #[test]
    fn how_many_there_are_is_not_answered_by_those_added() {
        let row = |name: &str| {
            let i = crate::ingest::record::Indicator::row(
                "指標",
                name.into(),
                None,
                crate::ingest::value::parse("4人", 1),
                crate::ingest::value::parse("10人", 1),
            );
            record(Body::Indicator(Box::new(i)))
        };
        let ask = |text: &str| question::analyse(text, &[]);
        let added = row("新規漁業就業者数(5年間の累計)");
        assert!(!admissible(Intent::Current, &ask("漁業就業者って今何人いるの？"), &added));
        // Asked of those added, or of the target, the row answers.
        assert!(admissible(Intent::Current, &ask("新規漁業就業者は今何人？"), &added));
        assert!(admissible(Intent::Target, &ask("漁業就業者の目標は？"), &added));
        // How many there are to be is not how many are to join; said with 新 it is.
        assert!(!admissible(Intent::Target, &ask("漁業就業者の数を何人にする目標？"), &added));
        assert!(admissible(Intent::Target, &ask("新しく漁業に就く人を何人にする目標？"), &added));
        // How many a year is what is new each year.
        let started = row("市内での新規創業者数");
        assert!(admissible(Intent::Target, &ask("創業者の目標は年何人？"), &started));
        assert!(!admissible(Intent::Target, &ask("創業者を何人にする目標？"), &started));
        // A note in brackets qualifies the name; the question may leave it out.
        let noted = row("移住者数(累計)");
        assert!(admissible(Intent::Current, &ask("移住者は今何人？"), &noted));
    }

    #[test]
    fn a_list_in_a_name_is_read_item_by_item() {
        assert_eq!(
            listed_apart("児童館・地域子育て支援センターの年間延べ利用者数"),
            ["児童館の年間延べ利用者数", "地域子育て支援センターの年間延べ利用者数"]
        );
        assert!(listed_apart("町民文化会館の年間利用者数").is_empty());
        assert!(listed_apart("耐震改修・除却の補助と、補助の上限額の引き上げ").is_empty());
    }

    #[test]
    fn all_of_them_is_not_answered_by_those_a_clause_picks_out() {
        let asked = |text: &str| {
            let mut q = question::analyse(text, &[]);
            q.head = vec!["店舗".into()];
            q.compounds = vec![vec!["商店".into(), "街".into()]];
            q
        };
        let q = asked("商店街の店舗数を何店にする目標？");
        assert!(counts_some(&q, "チャレンジショップを経て市内で開業した店舗の数(平成30年度からの累計)"));
        // The row of all of them; a question that says the clause too.
        assert!(!counts_some(&q, "中心商店街の店舗数"));
        assert!(!counts_some(&asked("商店街で開業した店舗の数の目標は？"), "商店街で開業した店舗の数"));
    }

    #[test]
    fn a_count_is_the_number_of_its_things() {
        let count =
            crate::ingest::record::Count {
                label: "事業".into(), value: 42, unit: "事業".into(), items: Vec::new()
            };
        let (primary, _) = match_texts(&record(Body::Count(count)));
        let terms = vec![Term::new("事業".into(), 2.0), Term::new("数".into(), 1.0)];
        assert!(coverage(&terms, &matching::compact(&primary), "") > 0.99);
    }

    #[test]
    fn a_one_letter_word_left_over_is_no_second_topic() {
        let scored = |r: Record, coverage: f32| Scored { record: r, coverage, score: coverage };
        let candidates =
            vec![scored(indicator("長期欠席児童生徒数"), 0.6), scored(indicator("朝食を食べる子の割合"), 0.4)];
        let terms = vec![Term::new("長期欠席".into(), 4.0), Term::new("子".into(), 2.0)];
        assert!(remainder(&terms, &[], &candidates, &[]).is_empty());
        let terms = vec![Term::new("長期欠席".into(), 4.0), Term::new("朝食".into(), 2.0)];
        assert_eq!(remainder(&terms, &[], &candidates, &[]).len(), 1);
    }

    #[test]
    fn abbreviations_cut_from_title_words() {
        let title: Vec<String> = ["白鷺", "村", "行", "財政", "改革", "大綱"].iter().map(|s| s.to_string()).collect();
        assert_eq!(abbreviated_run("行革", &title), Some(vec!["行".into(), "財政".into(), "改革".into()]));
        assert_eq!(abbreviated_run("財革", &title), Some(vec!["財政".into(), "改革".into()]));
        assert_eq!(abbreviated_run("改革", &title), None);
        assert_eq!(abbreviated_run("行大", &title), None);
        assert_eq!(abbreviated_run("行", &title), None);
    }

    #[test]
    fn words_in_order() {
        let title: Vec<String> = ["行政", "改革", "大綱", "実施", "計画"].iter().map(|s| s.to_string()).collect();
        let w = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(in_order(&title, 0, &w(&["行政", "改革"])), Some(2));
        assert_eq!(in_order(&title, 2, &w(&["実施"])), Some(4));
        assert_eq!(in_order(&title, 4, &w(&["実施"])), None);
        assert_eq!(in_order(&title, 0, &w(&["改革", "行政"])), None);
    }

    #[test]
    fn a_common_noun_ending_in_village_names_no_place() {
        use crate::index::{dictionary, tokenizer::JapaneseTokenizer};
        let t = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
        let place = |q: &str| {
            let text = crate::ingest::normalize::text(q);
            let found = question::analyse(&text, &["桜川台市".to_string()]).unknown_municipality;
            found.filter(|p| names_a_place(&t, &text, p))
        };
        assert_eq!(place("漁村体験の担当課は？"), None);
        assert_eq!(place("都市計画道路の整備率は？"), None);
        assert_eq!(place("富山市の空き家率は？").as_deref(), Some("富山市"));
        assert_eq!(place("白鷺村の人口は？").as_deref(), Some("白鷺村"));
        assert_eq!(place("雪見沢村の人口は？").as_deref(), Some("雪見沢村"));
    }

    #[test]
    fn a_moment_is_dated_in_its_own_clause() {
        assert!(super::dates_the_moment(
            "期間は令和8年度から令和12年度までの5年間とし、令和10年度に見直します。",
            "見直"
        ));
        assert!(super::dates_the_moment("おおむね5年ごと(令和12年度)に見直します。", "見直"));
        assert!(super::dates_the_moment("計画の見直しは令和10年度に行います。", "見直"));
        // A 見直し of something else, the date further on in another clause.
        assert!(!super::dates_the_moment(
            "窓口の見直しと事務のデジタル化により、令和12年4月1日の職員数を180人とすることを目標とします。",
            "見直"
        ));
    }

    #[test]
    fn words_of_the_plans_title_neither_count_for_nor_against_an_items_department() {
        let terms: Vec<Term> = [("固定", 8.0), ("資産", 8.0), ("税", 4.0), ("システム", 8.0), ("移行", 6.0)]
            .iter()
            .map(|(t, w)| Term::new(t.to_string(), *w))
            .collect();
        let related = Related { words: Vec::new(), of_term: vec![Vec::new(); terms.len()] };
        let title = "情報システム標準化・共通化移行計画";
        assert!(super::coverage_beside_title(&terms, &related, "固定資産税資産税課", title) > 0.99);
        assert!(super::net_coverage(&terms, &related, "固定資産税資産税課") < MIN_COVERAGE);
        // An item that holds none of the rest is no answer; nor is any item when the title holds
        // every word asked (行政改革 of 「行政改革大綱実施計画」).
        assert_eq!(super::coverage_beside_title(&terms, &related, "住民基本台帳市民課", title), 0.0);
        let reform = [Term::new("行政".into(), 6.0), Term::new("改革".into(), 6.0)];
        let related = Related { words: Vec::new(), of_term: vec![Vec::new(); 2] };
        assert_eq!(
            super::coverage_beside_title(&reform, &related, "道路の維持管理道路管理課", "行政改革大綱実施計画"),
            0.0
        );
    }

    #[test]
    fn how_many_things_is_a_count_and_how_much_of_the_figure_is_not() {
        assert!(super::counts_things("ネット予約できる施設って今いくつ?"));
        assert!(super::counts_things("避難所はいくつ?"));
        assert!(!super::counts_things("目標はいくつ?"));
        assert!(!super::counts_things("図書館の満足度っていまいくつ?"));
        assert!(!super::counts_things("いくつ?"));
    }
}
