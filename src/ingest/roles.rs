//! Roles of header and label words (指標名, 現状値, 目標値, 担当課 …), read from a vocabulary
//! kept as data (`data/vocabulary.toml`), so a plan in a new layout needs words, not code.
//!
//! A data folder may bring its own `vocabulary.toml`; without one the bundled copy is used, as
//! `synonyms.toml` is. Every pass takes the vocabulary as an argument ([`super::parse_with`]);
//! a process-wide one remains only for [`super::parse`], whose callers (the index build, the
//! CLI's `check`) install the folder's copy once with [`use_data_dir`]. They can hold the
//! vocabulary themselves and call `parse_with` instead, and then the global can go.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

use aho_corasick::{AhoCorasick, MatchKind};
use once_cell::sync::Lazy;
use serde::Deserialize;

use super::normalize;
use super::value::{self, Year};

const BUILT_IN: &str = include_str!("../../data/vocabulary.toml");

/// What a header cell or a label says its column or value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Name,
    Baseline,
    Target,
    Actual,
    Unit,
    Department,
    Direction,
    Note,
    Year,
    Status,
    Measure,
    Content,
    Number,
    Satisfaction,
    /// The figure of the survey or year before (前回), beside a satisfaction share.
    Previous,
    /// A figure to compare with that is not this plan's (国の目標値, 前期目標, （参考）…).
    Compared,
    /// The name of a plan (関連計画 tables) and its period.
    Plan,
    Period,
    /// The group a row stands in (基本目標, 分野): a column of no figure, read as no other role
    /// (「基本目標」 holds 目標 but names no target).
    Group,
    /// A column named only by a year ("令和6年度", "令和9年度(目標)"): one step of a series.
    YearStep,
}

impl Role {
    /// Roles whose cells hold an indicator's figures.
    pub fn is_value(self) -> bool {
        matches!(self, Role::Baseline | Role::Target | Role::Actual | Role::YearStep)
    }
}

/// A header cell or label understood: its role, the year it names, and the word it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub role: Role,
    pub year: Option<Year>,
    /// For a [`Role::YearStep`]: whether the column is marked as the baseline or the target.
    pub mark: Option<Role>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    roles: HashMap<String, Vec<String>>,
    #[serde(default)]
    marks: HashMap<String, Vec<String>>,
    #[serde(default)]
    departments: Departments,
    #[serde(default)]
    prose: Prose,
    #[serde(default)]
    headings: Headings,
    #[serde(default)]
    counts: Counts,
    #[serde(default)]
    cells: Cells,
    #[serde(default)]
    series: Series,
    #[serde(default)]
    units: Units,
    #[serde(default)]
    change: Change,
    #[serde(default)]
    asking: Asking,
    /// Words that are a label of their role only as a whole cell (事業, not 事業費 or 事業期間).
    #[serde(default)]
    whole: HashMap<String, Vec<String>>,
}

/// Which way a question asks a figure to go, and names whose figure is a change itself.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    up: Vec<String>,
    down: Vec<String>,
    in_name: Vec<String>,
    #[serde(default)]
    added: Vec<String>,
    #[serde(default)]
    new: Vec<String>,
}

/// The words a question asks by (目標, 担当 …), whose homophone typos are read by any reading
/// of the typed letters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Asking {
    words: Vec<String>,
    #[serde(default)]
    measures: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Units {
    same: Vec<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Series {
    not_steps: Vec<String>,
    #[serde(default)]
    past: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cells {
    ditto: Vec<String>,
    #[serde(default)]
    years: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Headings {
    levels: Vec<String>,
    #[serde(default)]
    parts: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Counts {
    nouns: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Departments {
    suffixes: Vec<String>,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    in_charge: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Prose {
    verbs: Vec<String>,
    #[serde(default)]
    now: Vec<String>,
    #[serde(default)]
    objects: Vec<String>,
}

/// The words of every role, normalized, longest first.
#[derive(Debug)]
pub struct Vocabulary {
    words: Vec<(String, Role)>,
    /// Where each word stands in `words` (a word may name several roles), so an exact match is
    /// one lookup instead of a scan of every word.
    positions: HashMap<String, Vec<usize>, CellHasher>,
    /// Whether the word at the same place in `words` has two letters or more and is not of
    /// `[whole]`: those are the ones found inside longer text.
    long: Vec<bool>,
    /// Whether the word at the same place in `words` is written in kana alone.
    kana: Vec<bool>,
    marks: Vec<(String, Role)>,
    pub department_suffixes: Vec<String>,
    /// Words that start the name of a body that works with the departments (JA…).
    pub department_prefixes: Vec<String>,
    /// Words that end like a department but name a place or a share (北部, 一部): no department.
    pub not_departments: Vec<String>,
    /// Marks of a matrix of responsibilities that put a department in charge (◎).
    pub primary_marks: Vec<String>,
    pub prose_verbs: Vec<String>,
    /// Words that date a figure in a sentence to the present (「いま年間18人ですが」): its baseline.
    pub prose_now: Vec<String>,
    /// Verbs whose object is the figure aimed at (「７億円以上を確保します」「30人をめざします」).
    pub prose_objects: Vec<String>,
    /// Level words of numbered headings (施策, 基本目標 …), longest first.
    pub heading_levels: Vec<String>,
    /// Words that head a part of a plan on a line of their own, with no number (資料編).
    pub heading_parts: Vec<String>,
    /// Nouns a stated count counts (施策, 事業, 取組 …), longest first.
    pub count_nouns: Vec<String>,
    /// Marks a table cell holds for "the same as the cell above" (〃, 同上), normalized.
    pub ditto: Vec<String>,
    /// Endings of a header that make its column the year of the value beside it (基準年度,
    /// 「基準値」 over 「時点」), normalized.
    pub year_columns: Vec<String>,
    /// Words of a caption or row name that make a series of year columns no plan of steps
    /// (推移 of the past, 推計 and 予測 of what will happen, 試算): its last year is no target.
    pub not_steps: Vec<String>,
    /// Those of `not_steps` that name a record of the past (推移): its last year is where the
    /// figure stands now.
    pub past_series: Vec<String>,
    /// Ways of writing one unit (ha, ヘクタール), normalized: each group one unit.
    units: Vec<Vec<String>>,
    /// Verbs of a question that ask a figure to go up (増やす) or down (減らす).
    pub asked_up: Vec<String>,
    pub asked_down: Vec<String>,
    /// Words of an indicator's name that make its figure a change itself (削減率 goes up as
    /// what it cuts goes down).
    pub change_in_name: Vec<String>,
    /// Words of an indicator's name that make its figure what was added (新規, 累計): not how
    /// many there are now.
    pub added_in_name: Vec<String>,
    /// Of those, the words that make the figure a different one for a target too (新規: the
    /// target of new fishers is not one of fishers; 累計 is but a way to state a target).
    pub new_in_name: Vec<String>,
    /// The words a question asks by (目標, 担当 …): a typo of one (目票) is read as it by any
    /// reading of the typed letters.
    pub asking_words: Vec<String>,
    /// Words that name a measure of something and nothing of what (残高, 割合, 件数): a name
    /// that says only these of the question says nothing of its topic.
    pub measure_words: Vec<String>,
    /// Every word of `words` in one automaton (pattern i is `words[i]`): one pass over a cell
    /// tells whether it holds any word, and which, instead of a search per word (issue 12).
    any: AhoCorasick,
    /// Patterns the passes build from these words, compiled once per vocabulary.
    /// Shared, not cloned: a clone of a `Regex` starts with empty caches, so each document
    /// would build its lazy DFA's states again (a tenth of the reader's regex work).
    compiled: std::sync::Mutex<HashMap<&'static str, Option<std::sync::Arc<regex::Regex>>>>,
    /// Tells this vocabulary's labels apart from another's in the per-thread memo.
    id: u64,
}

/// The labels a reading thread has already worked out, by cell: the passes ask about the same
/// cells many times (every pass reads the same header rows, and a plan repeats its headers in
/// every table), and a label is a pure function of the vocabulary and the cell (issue 12).
#[derive(Default)]
struct Memo {
    vocabulary: u64,
    label: HashMap<String, Option<Label>, CellHasher>,
    exact: HashMap<String, Option<Label>, CellHasher>,
}

/// How the memo and the word table hash a cell: foldhash reads eight bytes a step where the
/// standard SipHash mixes each 8-byte word in several rounds, and every lookup hashes the
/// whole cell (a fifth of the reader's time natively went to the memo: issue 12). Seeded per
/// map, as SipHash is, so no document can choose its collisions.
pub(super) type CellHasher = foldhash::fast::RandomState;

/// Cells remembered per thread and kind before the memo starts afresh: bounds its memory
/// whatever the corpus (a few MB), while one document's cells still fit.
const MEMO_CELLS: usize = 8192;

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// 「中間値」「前年値」「中間目標」: a short word for a value that the vocabulary gives no role.
/// It heads a column of its own, read as none of the plan's values (a step on the way, a year
/// before), so that the columns after it keep their places.
pub fn unnamed_value_word(text: &str) -> bool {
    let bare = value::strip_years(text);
    let bare = bare.trim().trim_end_matches(|c: char| "()（） ".contains(c));
    // (「中間」 alone heads the interim column too.)
    bare == "中間" || (bare.ends_with('値') || bare.ends_with("目標")) && (2..=4).contains(&bare.chars().count())
}

fn role_named(name: &str) -> Option<Role> {
    Some(match name {
        "name" => Role::Name,
        "baseline" => Role::Baseline,
        "target" => Role::Target,
        "actual" => Role::Actual,
        "unit" => Role::Unit,
        "department" => Role::Department,
        "direction" => Role::Direction,
        "note" => Role::Note,
        "year" => Role::Year,
        "status" => Role::Status,
        "measure" => Role::Measure,
        "content" => Role::Content,
        "number" => Role::Number,
        "satisfaction" => Role::Satisfaction,
        "previous" => Role::Previous,
        "compared" => Role::Compared,
        "plan" => Role::Plan,
        "period" => Role::Period,
        "group" => Role::Group,
        _ => return None,
    })
}

/// A cell without its white space, NFKC'd (a fast path when it already is, as the lines are).
pub(crate) fn squeeze(text: &str) -> String {
    let text = normalize::nfkc(text);
    if !text.contains(char::is_whitespace) {
        return text;
    }
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A cell without the marks around a label, squeezed.
/// 「第２次計画の目標」 as the vocabulary writes it, 「第N次計画の目標」: the number of a plan
/// (第…次, 第…期) as N; None when the text numbers none.
fn ordinal_as_n(text: &str) -> Option<String> {
    static ORDINAL: Lazy<regex::Regex> = Lazy::new(|| regex::Regex::new(r"第\d{1,2}([次期])").unwrap());
    (text.contains('第') && ORDINAL.is_match(text)).then(|| ORDINAL.replace_all(text, "第N$1").into_owned())
}

fn cell_text(cell: &str) -> String {
    squeeze(cell.trim_matches(|c: char| "|:：【】[]<>＜＞■□◆◇●○・".contains(c)))
}

pub(crate) fn compact(text: &str) -> String {
    normalize::text(text).chars().filter(|c| !c.is_whitespace()).collect()
}

fn word_list(map: &HashMap<String, Vec<String>>) -> Result<Vec<(String, Role)>, String> {
    let mut words = Vec::new();
    for (name, list) in map {
        let role = role_named(name).ok_or_else(|| format!("未知の役割 [{name}]"))?;
        words.extend(list.iter().map(|w| compact(w)).filter(|w| !w.is_empty()).map(|w| (w, role)));
    }
    words.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
    Ok(words)
}

impl Vocabulary {
    pub fn parse(text: &str) -> Result<Vocabulary, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut words = word_list(&file.roles)?;
        let whole_words = word_list(&file.whole)?;
        words.extend(whole_words.iter().cloned());
        let any = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(words.iter().map(|(w, _)| w))
            .map_err(|e| e.to_string())?;
        // (A word of `[whole]` is found only as the whole cell: never inside longer text.)
        let long = words.iter().map(|w| w.0.chars().count() >= 2 && !whole_words.contains(w)).collect();
        // A word of kana alone (いま) is part of other words inside longer text (子育てしやす
        // いまち): it is found only where a cell starts with it (「いま（令和4年度）（箇所）」).
        let is_kana = |w: &str| w.chars().all(|c| super::normalize::is_hiragana(c) || ('ァ'..='ヺ').contains(&c));
        let kana = words.iter().map(|(w, _)| is_kana(w)).collect();
        let mut positions: HashMap<String, Vec<usize>, CellHasher> = HashMap::default();
        for (at, (w, _)) in words.iter().enumerate() {
            positions.entry(w.clone()).or_default().push(at);
        }
        Ok(Vocabulary {
            any,
            positions,
            long,
            kana,
            words,
            marks: word_list(&file.marks)?,
            department_suffixes: file.departments.suffixes.iter().map(|s| compact(s)).collect(),
            department_prefixes: file.departments.prefixes.iter().map(|s| compact(s)).collect(),
            not_departments: file.departments.not.iter().map(|s| compact(s)).collect(),
            primary_marks: file.departments.in_charge.iter().map(|s| compact(s)).collect(),
            prose_verbs: file.prose.verbs.iter().map(|s| compact(s)).collect(),
            prose_now: file.prose.now.iter().map(|s| compact(s)).collect(),
            prose_objects: file.prose.objects.iter().map(|s| compact(s)).collect(),
            heading_levels: longest_first(&file.headings.levels),
            heading_parts: file.headings.parts.clone(),
            count_nouns: longest_first(&file.counts.nouns),
            ditto: file.cells.ditto.iter().map(|s| compact(s)).collect(),
            year_columns: file.cells.years.iter().map(|s| compact(s)).collect(),
            not_steps: file.series.not_steps.iter().map(|s| compact(s)).collect(),
            past_series: file.series.past.iter().map(|s| compact(s)).collect(),
            units: file.units.same.iter().map(|g| g.iter().map(|s| compact(s)).collect()).collect(),
            asked_up: file.change.up.clone(),
            asked_down: file.change.down.clone(),
            change_in_name: file.change.in_name.clone(),
            added_in_name: file.change.added.iter().map(|s| compact(s)).collect(),
            new_in_name: file.change.new.iter().map(|s| compact(s)).collect(),
            asking_words: file.asking.words.clone(),
            measure_words: file.asking.measures.iter().map(|s| compact(s)).collect(),
            compiled: Default::default(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// A pattern built from the vocabulary by `build`, compiled on first use and kept.
    pub fn pattern(
        &self,
        key: &'static str,
        build: impl FnOnce(&Vocabulary) -> Option<regex::Regex>,
    ) -> Option<std::sync::Arc<regex::Regex>> {
        let mut compiled = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = compiled.get(key) {
            return found.clone();
        }
        let built = build(self).map(std::sync::Arc::new);
        compiled.insert(key, built.clone());
        built
    }

    /// The ways of writing `unit` (「ヘクタール」 → ha, ヘクタール), itself first; the unit alone
    /// when the vocabulary knows no other.
    pub fn unit_forms(&self, unit: &str) -> Vec<String> {
        let mut forms = vec![unit.to_string()];
        for group in self.units.iter().filter(|g| g.iter().any(|u| u == unit)) {
            forms.extend(group.iter().filter(|u| *u != unit).cloned());
        }
        forms
    }

    /// Whether `text` (a caption, a column's title) calls figures by year a record of the past or
    /// a projection (`[series] not_steps`: 推移, 推計, 財政計画, 見通し), not a plan's steps.
    pub fn names_no_steps(&self, text: &str) -> bool {
        holds_any(&self.not_steps, text)
    }

    /// Whether `text` calls figures by year a record of the past (`[series] past`: 推移).
    pub fn names_the_past(&self, text: &str) -> bool {
        holds_any(&self.past_series, text)
    }

    /// Whether a name's bracket (「（か所）」「（千t-CO2）」「（件/年）」) holds a unit, not a note
    /// (「（延べ人数）」「（市内路線）」).
    pub fn is_unit(&self, unit: &str) -> bool {
        let base = unit.split('/').next().unwrap_or(unit);
        value::UNITS.contains(&base)
            || self.unit_words().any(|u| u == base)
            || base.chars().all(|c| c.is_ascii_graphic() || "千万".contains(c))
    }

    /// Every unit the vocabulary knows a form of.
    pub fn unit_words(&self) -> impl Iterator<Item = &str> {
        self.units.iter().flatten().map(String::as_str)
    }

    pub fn built_in() -> Vocabulary {
        Vocabulary::parse(BUILT_IN).expect("the bundled vocabulary.toml is valid")
    }

    /// The role of a header cell or label: exact match of its words first (years and brackets
    /// removed), then the longest vocabulary word it contains.
    pub fn label(&self, cell: &str) -> Option<Label> {
        self.remembered(cell, false, |v| v.label_of(&cell_text(cell)))
    }

    /// The label of `cell` from this thread's memo, or worked out by `work` and remembered.
    fn remembered(&self, cell: &str, exact: bool, work: impl FnOnce(&Vocabulary) -> Option<Label>) -> Option<Label> {
        let known = MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.vocabulary != self.id {
                *memo = Memo { vocabulary: self.id, ..Memo::default() };
            }
            let map = if exact { &memo.exact } else { &memo.label };
            map.get(cell).cloned()
        });
        if let Some(known) = known {
            return known;
        }
        let label = work(self);
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.vocabulary == self.id {
                let map = if exact { &mut memo.exact } else { &mut memo.label };
                if map.len() >= MEMO_CELLS {
                    map.clear();
                }
                map.insert(cell.to_string(), label.clone());
            }
        });
        label
    }

    /// [`Self::label`] of a cell already trimmed and squeezed.
    fn label_of(&self, text: &str) -> Option<Label> {
        if text.is_empty() || text.chars().count() > 24 {
            return None;
        }
        // 「第２次計画の目標」: the vocabulary writes a plan's number as N.
        if let Some(general) = ordinal_as_n(text) {
            let label = self.label_of(&general)?;
            return Some(Label { text: text.to_string(), ..label });
        }
        // Most cells and tokens hold no header word and no year: decide those without regexes.
        if !text.contains(|c: char| c.is_ascii_digit() || c == '元') && !self.any.is_match(text) {
            return None;
        }
        let year = value::years_in(text).into_iter().next();
        // 「（参考）第１次計画の目標値」: a column the header marks as for comparison before the rest
        // is there to compare with, whatever the rest names.
        if let Some(mark) = text.strip_prefix('(').and_then(|t| t.split_once(')')).map(|(m, _)| m) {
            let compared = self.positions.get(mark).is_some_and(|at| self.words[at[0]].1 == Role::Compared);
            if compared && text.len() > mark.len() + 2 {
                return Some(Label { role: Role::Compared, year, mark: None, text: text.to_string() });
            }
        }
        if year.is_none() {
            if let Some(label) = self.western_year_step(text) {
                return Some(label);
            }
        }
        let without_year = value::strip_years(text);
        let bare = strip_brackets(&without_year);
        let marked = self.mark_of(&bare).is_some();
        // A figure is no label; but "2023年度(実績)", a western year with the word that marks
        // its step, only reads like one (a western year alone stays a figure: "2019年度" heads
        // a column of statistics as often as of targets).
        // A word staff put in the vocabulary is a label even where it reads like a figure
        // ("5年後" of a plan for citizens: いま … ▶ 5年後 …).
        let head = text.split('(').next().unwrap_or(text);
        let listed = [text, head].iter().any(|w| self.positions.contains_key(*w));
        if value::looks_like_value(text) && !listed && !(marked && year.is_some() && starts_with_year(text)) {
            return None;
        }
        // "令和9年度(目標)": a column named by its year, the word only marking which step it is.
        let named_by_year = year.is_some() && starts_with_year(text);
        if named_by_year && !listed && (bare.is_empty() || marked) {
            let mark = self.mark_of(&bare);
            return Some(Label { role: Role::YearStep, year, mark, text: text.to_string() });
        }
        // The first word in vocabulary order that is the bare cell or the whole cell.
        let first = |w: &str| self.positions.get(w).map(|at| at[0]);
        if let Some(at) = first(&bare).into_iter().chain(first(text)).min() {
            return Some(Label { role: self.words[at].1, year, mark: None, text: text.to_string() });
        }
        // The longest word of two letters or more the bare cell holds (the first in vocabulary
        // order, as a search word by word would find it).
        let at = self
            .any
            .find_overlapping_iter(bare.as_str())
            .filter(|m| self.long[m.pattern().as_usize()] && (!self.kana[m.pattern().as_usize()] || m.start() == 0))
            .map(|m| m.pattern().as_usize())
            .min()?;
        Some(Label { role: self.words[at].1, year, mark: None, text: text.to_string() })
    }

    /// The step a word marks a year's column as (実績, 目標: the vocabulary's `[marks]`).
    fn mark_of(&self, bare: &str) -> Option<Role> {
        self.marks.iter().find(|(w, _)| w == bare).map(|(_, r)| *r)
    }

    /// 「2023実績」「2030目標」「2030(目標)」: a western year without 年 or 年度, told a year by
    /// the word after it that marks which step the column is (the vocabulary's `[marks]`); a
    /// fiscal year, as plans count.
    fn western_year_step(&self, text: &str) -> Option<Label> {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let fiscal: i32 = text.get(..digits).filter(|_| digits == 4)?.parse().ok()?;
        if !(1900..2100).contains(&fiscal) {
            return None;
        }
        let bare = strip_brackets(&text[digits..]);
        let mark = self.mark_of(&bare)?;
        let year = Year { label: format!("{fiscal}年度"), fiscal };
        Some(Label { role: Role::YearStep, year: Some(year), mark: Some(mark), text: text.to_string() })
    }

    /// Whether `word` is a vocabulary word of `role`.
    fn is_word_of(&self, word: &str, role: Role) -> bool {
        self.positions.get(word).is_some_and(|at| at.iter().any(|&p| self.words[p].1 == role))
    }

    /// The label of a line or cell that is nothing but a label: a vocabulary word, with a year or
    /// a bracket at most ("現状値（令和4年度）", "何をする事業か（概要）").
    pub fn exact_label(&self, cell: &str) -> Option<Label> {
        self.remembered(cell, true, |v| v.exact_label_of(cell))
    }

    fn exact_label_of(&self, cell: &str) -> Option<Label> {
        let text = cell_text(cell);
        let label = self.label_of(&text)?;
        if label.role == Role::YearStep || self.is_word_text(&text) {
            return Some(label);
        }
        // "現状値(平成30年~令和4年の平均)": a word and a bracket that dates it.
        let head = text.split('(').next().unwrap_or("");
        let dated = text.contains('(') && !value::years_in(&text).is_empty();
        if dated && self.is_word_of(head, label.role) {
            return Some(label);
        }
        let bracketed = text.rfind('(').map(|at| text[at..].trim_matches(['(', ')']).to_string());
        bracketed.filter(|b| self.is_word_of(b, label.role)).map(|_| label)
    }

    /// Every role whose word a text holds, longest words first, each stretch of text used once:
    /// "現状値指標説明" → baseline, name, note (PDF headers run several header cells together).
    pub fn roles_in(&self, text: &str) -> Vec<Role> {
        let mut rest = squeeze(text);
        // Only words the text holds can be found once stretches of it are blanked out (the "|"
        // put in their place is no letter of a word), so only those are tried, in vocabulary
        // order as before.
        let mut held: Vec<usize> = self
            .any
            .find_overlapping_iter(rest.as_str())
            .map(|m| m.pattern().as_usize())
            .filter(|&p| self.long[p] && !self.kana[p])
            .collect();
        if held.is_empty() {
            return Vec::new();
        }
        held.sort_unstable();
        held.dedup();
        let mut roles = Vec::new();
        for p in held {
            let (w, role) = &self.words[p];
            if let Some(at) = rest.find(w.as_str()) {
                rest.replace_range(at..at + w.len(), "|");
                roles.push(*role);
            }
        }
        roles
    }

    /// Whether a cell is a header word itself (a header repeated inside a table).
    pub fn is_word(&self, cell: &str) -> bool {
        self.is_word_text(&cell_text(cell))
    }

    fn is_word_text(&self, text: &str) -> bool {
        if let Some(general) = ordinal_as_n(text) {
            return self.is_word_text(&general);
        }
        let bare = strip_brackets(&value::strip_years(text));
        self.positions.contains_key(text) || self.positions.contains_key(&bare)
    }

    /// Whether a bracketed name ("健康づくり課・保険年金課") is a list of departments.
    pub fn departments_in(&self, text: &str) -> Option<Vec<String>> {
        let parts: Vec<String> =
            text.split(['・', '、', ',', '/', ' ']).map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
        // 「人事課(市職員)、商工労政課(事業所)」: a department with a short note of what for (or
        // of its section, 「産業課(林務係)」), named without it.
        let noted = |p: &str| {
            p.strip_suffix([')', '）'])
                .and_then(|p| p.split_once(['(', '（']))
                .filter(|(d, note)| self.is_department(d) && (1..=10).contains(&note.chars().count()))
                .map(|(d, _)| d.to_string())
        };
        let parts: Option<Vec<String>> =
            parts.into_iter().map(|p| if self.is_department(&p) { Some(p) } else { noted(&p) }).collect();
        parts.filter(|p| !p.is_empty())
    }

    /// Departments split at a ・ that stands inside a name (「人権・男女共同参画課」 read as 人権
    /// and 男女共同参画課): a piece that is no department, followed by one, is one name with it
    /// where `text` writes them so.
    pub fn rejoin_departments(&self, departments: &mut Vec<String>, text: &str) {
        let mut k = 0;
        while k + 1 < departments.len() {
            let joined = format!("{}・{}", departments[k], departments[k + 1]);
            let inside = !self.is_department(&departments[k])
                && self.is_department(&departments[k + 1])
                && self.is_department(&joined)
                && text.contains(&joined);
            if inside {
                departments[k] = joined;
                departments.remove(k + 1);
            } else {
                k += 1;
            }
        }
    }

    /// Two departments run together where a table cell went on onto the next row (「人権推進課」 /
    /// 「住宅課・…」 read as 人権推進課住宅課): a name `text` does not write whole, which parts
    /// into two departments it does write, is those two. The first ends in a section's ending
    /// (課, 室, 係), which holds no other: 「教育委員会」 and 「学校教育課」 on two lines are one.
    pub fn part_departments(&self, departments: &mut Vec<String>, text: &str) {
        let mut k = 0;
        while k < departments.len() {
            let name = &departments[k];
            let cut = (!text.contains(name.as_str()))
                .then(|| {
                    name.char_indices().skip(2).map(|(at, _)| at).find(|&at| {
                        let (head, tail) = name.split_at(at);
                        head.ends_with(['課', '室', '係'])
                            && self.is_department(head)
                            && self.is_department(tail)
                            && text.contains(head)
                            && text.contains(tail)
                    })
                })
                .flatten();
            if let Some(at) = cut {
                let tail = departments[k].split_off(at);
                departments.insert(k + 1, tail);
            }
            k += 1;
        }
    }

    /// Whether a name has the shape of a department: one of the endings (健康づくり課, 都市整備部,
    /// 商工会; a one-letter ending alone, 課 or 部, is none), short, and not a place or share word.
    pub fn is_department(&self, name: &str) -> bool {
        let chars = name.chars().count();
        let prefixed = || {
            self.department_prefixes
                .iter()
                .any(|p| name.strip_prefix(p.as_str()).is_some_and(|rest| (2..=8).contains(&rest.chars().count())))
                && !name.contains(['の', 'を', '。'])
        };
        chars <= 16
            && (self.department_suffixes.iter().any(|s| {
                let n = s.chars().count();
                name.ends_with(s.as_str()) && (chars > n || n >= 2)
            }) || prefixed())
            && !self.not_departments.iter().any(|n| name.ends_with(n.as_str()))
    }

    /// Whether a department cell names one, itself or in brackets (「市(交通政策課)」,
    /// 「人事課(市職員)」).
    pub fn names_department(&self, cell: &str) -> bool {
        let cell = compact(cell);
        cell.split(['(', ')', '[', ']']).any(|piece| self.is_department(piece))
    }
}

/// Whether `text`, squeezed as the vocabulary's words are, holds any of `words`.
fn holds_any(words: &[String], text: &str) -> bool {
    let text = compact(text);
    words.iter().any(|w| text.contains(w.as_str()))
}

fn longest_first(words: &[String]) -> Vec<String> {
    let mut words: Vec<String> = words.iter().map(|w| compact(w)).filter(|w| !w.is_empty()).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// "(令和4年度)" leaves "()" behind once the year is gone; drop empty brackets and spaces.
fn strip_brackets(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    text.chars().filter(|c| !"()[]".contains(*c)).collect()
}

fn starts_with_year(text: &str) -> bool {
    value::strip_years(text.trim_start_matches(['(', '['])).starts_with(' ')
}

static ACTIVE: Lazy<RwLock<Arc<Vocabulary>>> = Lazy::new(|| RwLock::new(Arc::new(Vocabulary::built_in())));

/// The vocabulary in force.
pub fn active() -> Arc<Vocabulary> {
    ACTIVE.read().map(|v| Arc::clone(&v)).unwrap_or_else(|e| Arc::clone(&e.into_inner()))
}

/// Puts the data folder's `vocabulary.toml` in force (the bundled one when it has none).
/// A file that does not parse is reported and the bundled one is kept.
pub fn use_data_dir(data_dir: &Path) -> Result<(), String> {
    let path = data_dir.join("vocabulary.toml");
    let vocabulary = match std::fs::read_to_string(&path) {
        Ok(text) => Vocabulary::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?,
        Err(_) => Vocabulary::built_in(),
    };
    let mut active = ACTIVE.write().unwrap_or_else(|e| e.into_inner());
    *active = Arc::new(vocabulary);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(cell: &str) -> Option<Role> {
        Vocabulary::built_in().label(cell).map(|l| l.role)
    }

    #[test]
    fn header_words_take_their_roles() {
        assert_eq!(role("目標（指標）名"), Some(Role::Name));
        assert_eq!(role("策定時（令和４年度）"), Some(Role::Baseline));
        assert_eq!(role("目標（令和１０年度）"), Some(Role::Target));
        assert_eq!(role("重要業績評価指標（ＫＰＩ）"), Some(Role::Name));
        assert_eq!(role("KPI"), Some(Role::Target));
        assert_eq!(role("担当部署"), Some(Role::Department));
        assert_eq!(role("数値目標項目"), Some(Role::Name));
        assert_eq!(role("自治会加入率"), None);
        assert_eq!(role("20 件"), None);
        // A plan's number is N in the vocabulary: 「第２次計画の目標」 is the previous plan's.
        assert_eq!(role("第２次計画の目標"), Some(Role::Compared));
        let v = Vocabulary::built_in();
        assert!(v.exact_label("第１期計画の目標値（令和７年度）").is_some_and(|l| l.role == Role::Compared));
    }

    #[test]
    fn year_columns_are_steps_with_their_mark() {
        let v = Vocabulary::built_in();
        let l = v.label("令和９年度（目標）").unwrap();
        assert_eq!((l.role, l.mark, l.year.unwrap().fiscal), (Role::YearStep, Some(Role::Target), 2027));
        assert_eq!(v.label("令和６年度").unwrap().role, Role::YearStep);
        let l = v.label("基準値（R3）").unwrap();
        assert_eq!((l.role, l.year.unwrap().fiscal), (Role::Baseline, 2021));
        // A western year without 年度, told a year by its mark; a bare number stays a figure.
        let l = v.label("2030目標").unwrap();
        assert_eq!((l.role, l.mark, l.year.unwrap().fiscal), (Role::YearStep, Some(Role::Target), 2030));
        let l = v.label("2023実績").unwrap();
        assert_eq!((l.role, l.mark, l.year.unwrap().fiscal), (Role::YearStep, Some(Role::Baseline), 2023));
        assert_eq!(v.label("2023"), None);
        assert_eq!(v.label("2023人"), None);
    }

    #[test]
    fn a_department_whose_name_holds_a_middle_dot_is_one() {
        let v = Vocabulary::built_in();
        let mut split = vec!["人権".to_string(), "男女共同参画課".to_string(), "情報政策課".to_string()];
        v.rejoin_departments(&mut split, "人権・男女共同参画課、情報政策課");
        assert_eq!(split, ["人権・男女共同参画課", "情報政策課"]);
        // Two departments written apart stay two.
        let mut two = vec!["総務課".to_string(), "看護部".to_string()];
        v.rejoin_departments(&mut two, "総務課・看護部");
        assert_eq!(two, ["総務課", "看護部"]);
    }

    #[test]
    fn two_departments_run_together_by_a_cell_gone_on_part_again() {
        let v = Vocabulary::built_in();
        let mut joined = vec!["人権推進課住宅課".to_string(), "市立病院総務課".to_string()];
        v.part_departments(&mut joined, "| 人権推進課 | | |市立病院での配慮|住宅課・市立病院総務課|");
        assert_eq!(joined, ["人権推進課", "住宅課", "市立病院総務課"]);
        // A name written whole, or wrapped where no department ends, stays one.
        let mut whole = vec!["教育委員会学校教育課".to_string(), "健康福祉課".to_string()];
        v.part_departments(&mut whole, "教育委員会学校教育課 | 健康 福祉課");
        assert_eq!(whole, ["教育委員会学校教育課", "健康福祉課"]);
        // Nor does a body that holds sections part from its section on the next line.
        let mut within = vec!["教育委員会事務局".to_string()];
        v.part_departments(&mut within, "| 総務課・教育委員会 | | 事務局 |");
        assert_eq!(within, ["教育委員会事務局"]);
    }

    #[test]
    fn departments_are_told_by_their_endings() {
        let v = Vocabulary::built_in();
        assert_eq!(v.departments_in("健康づくり課・保険年金課").unwrap(), ["健康づくり課", "保険年金課"]);
        assert!(v.departments_in("累計").is_none());
        assert!(v.departments_in("再掲").is_none());
        assert_eq!(v.departments_in("都市整備部、商工会").unwrap(), ["都市整備部", "商工会"]);
        // A station of the police or the fire service is a body that carries work out; a 部署 alone names none.
        assert_eq!(v.departments_in("住民生活課・鋤田警察署").unwrap(), ["住民生活課", "鋤田警察署"]);
        assert!(v.departments_in("関係部署").is_none());
        for not in ["市北部", "一部", "課", "部", "中心部", "3箇所"] {
            assert!(v.departments_in(not).is_none(), "{not}");
        }
        assert_eq!(v.departments_in("人事課(市職員)、商工労政課(事業所)").unwrap(), ["人事課", "商工労政課"]);
        assert!(v.departments_in("放課後児童クラブ(3か所)").is_none());
        for named in ["市(交通政策課)", "人事課(市職員)", "情報政策課)", "全庁"] {
            assert!(v.names_department(named), "{named}");
        }
        for not in ["117.2%", "A", "指標2", "60.0(R9)", "最終目標"] {
            assert!(!v.names_department(not), "{not}");
        }
    }

    #[test]
    fn labels_remembered_for_one_vocabulary_are_not_another_s() {
        // The same cell asked of two vocabularies in turn on one thread: each answers its own.
        let a = Vocabulary::parse("[roles]\nname = [\"項目名\"]").unwrap();
        let b = Vocabulary::parse("[roles]\ntarget = [\"項目名\"]").unwrap();
        for _ in 0..2 {
            assert_eq!(a.label("項目名").map(|l| l.role), Some(Role::Name));
            assert_eq!(b.label("項目名").map(|l| l.role), Some(Role::Target));
            assert_eq!(a.exact_label("【項目名】").map(|l| l.role), Some(Role::Name));
            assert_eq!(b.exact_label("【項目名】").map(|l| l.role), Some(Role::Target));
        }
    }

    #[test]
    fn the_longest_word_inside_a_cell_wins_as_a_word_by_word_search_would() {
        let v = Vocabulary::parse("[roles]\nname = [\"指標\"]\nbaseline = [\"現状値\"]\nnote = [\"説明\"]").unwrap();
        // Inside longer text: the longest word first (現状値 over 指標), as the vocabulary orders them.
        assert_eq!(v.label("指標の現状値について").map(|l| l.role), Some(Role::Baseline));
        assert_eq!(v.roles_in("現状値指標説明"), [Role::Baseline, Role::Name, Role::Note]);
        assert_eq!(v.roles_in("自治会加入率"), []);
    }

    #[test]
    fn a_word_of_whole_is_a_label_only_as_the_whole_cell() {
        let v = Vocabulary::parse(
            "[roles]\nmeasure = [\"取組\"]\ndepartment = [\"実施主体\"]\n[whole]\nmeasure = [\"事業\"]",
        )
        .unwrap();
        assert_eq!(v.label("事業").map(|l| l.role), Some(Role::Measure));
        assert_eq!(v.label("事業費").map(|l| l.role), None);
        assert_eq!(v.label("事業期間").map(|l| l.role), None);
        assert_eq!(v.label("事業実施主体").map(|l| l.role), Some(Role::Department));
        // The built-in vocabulary reads a 区分 | 事業 | 実施主体 table's 事業 column as measures.
        assert_eq!(Vocabulary::built_in().exact_label("事業").map(|l| l.role), Some(Role::Measure));
    }

    #[test]
    fn a_broken_vocabulary_is_an_error_not_a_panic() {
        assert!(Vocabulary::parse("[roles]\nwhat = [\"x\"]").is_err());
        assert!(Vocabulary::parse("not toml").is_err());
    }
}
