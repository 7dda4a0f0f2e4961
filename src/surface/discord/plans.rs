//! What the bot knows about the plans: the engine and the catalog, loaded together and swapped
//! together on `/reindex`, plus the plain functions the commands share (asking for a
//! municipality, autocomplete filtering). Indicators are looked up in the index when a user
//! types or chooses one, not held in a list (issue 12: memory flat in the corpus size).

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;

use crate::answer::{synonyms::Synonyms, Answer, Citation, Engine};
use crate::index::{self, Paths, PlanIndex};
use crate::ingest::{normalize, Body, Record, Source};

/// Discord accepts at most 25 autocomplete choices, each name and value at most 100 characters.
pub const MAX_CHOICES: usize = 25;
pub const MAX_CHOICE_CHARS: usize = 100;
/// How many indicators whose name has the typed letters are read from the index and ranked.
const CHOICE_CANDIDATES: usize = 200;

/// One loaded index with what the commands need from it. Immutable: `/reindex` builds a new one.
pub struct Plans {
    pub engine: Engine,
    pub documents: Vec<Source>,
    /// How many indicator records the index holds (counted, not kept).
    pub indicators: usize,
    /// Each document's place in `documents`, by file and by the file part of a `/target` key.
    position: HashMap<String, usize>,
    by_key: HashMap<String, usize>,
    /// The municipalities of the catalog, sorted.
    pub municipalities: Vec<String>,
    pub records: u64,
}

impl Plans {
    /// Opens (building when needed) the index of `paths` and everything the bot needs from it.
    pub fn open(paths: &Paths) -> Result<Plans> {
        let (index, _) = index::open(paths)?;
        Plans::from_index(index, paths)
    }

    /// Rebuilds the index of `paths` whatever its state (`/reindex`).
    pub fn rebuild(paths: &Paths) -> Result<Plans> {
        Plans::from_index(index::rebuild(paths)?, paths)
    }

    fn from_index(index: PlanIndex, paths: &Paths) -> Result<Plans> {
        for p in &index.problems {
            tracing::warn!("索引の作成で文書を飛ばしました: {p}");
        }
        let documents = index.documents()?;
        let indicators = index.count_kind("indicator")?;
        let position = documents.iter().enumerate().map(|(k, d)| (d.file.clone(), k)).collect();
        let by_key = documents.iter().enumerate().map(|(k, d)| (file_key(&d.file), k)).collect();
        let municipalities: BTreeSet<String> = documents.iter().filter_map(|d| d.municipality.clone()).collect();
        let records = index.num_records();
        let engine = Engine::new(index, Synonyms::load(&paths.data)?)?;
        let municipalities = municipalities.into_iter().collect();
        Ok(Plans { engine, documents, indicators, position, by_key, municipalities, records })
    }

    /// The catalog titles, for a not-found answer ("what the plans do cover").
    pub fn titles(&self) -> Vec<String> {
        self.documents.iter().map(|d| d.title.clone()).collect()
    }

    /// The indicator a `/target` choice stands for (its value is [`indicator_key`]).
    /// Read from the index: the indicators of the key's document, one of them at the key's line.
    pub fn indicator(&self, key: &str) -> Option<Record> {
        let (file, line) = key.strip_prefix("ind:")?.split_once(':')?;
        let line: usize = line.parse().ok()?;
        let document = &self.documents[*self.by_key.get(file)?];
        let records = self.engine.index().records_in(&document.file, "indicator", None).ok()?;
        records.into_iter().find(|r| r.line == line)
    }

    /// Up to 25 indicators matching what the user has typed so far: (label, key).
    /// Candidates come from the index (indicators whose name has the typed letters, or the first
    /// documents' indicators when nothing is typed); names starting with the text come first,
    /// then in document and line order.
    pub fn indicator_choices(&self, typed: &str) -> Vec<(String, String)> {
        let typed = fold(typed);
        let candidates = if typed.is_empty() {
            self.first_indicators(MAX_CHOICES)
        } else {
            self.engine.index().indicators_named(&typed, CHOICE_CANDIDATES).unwrap_or_else(|e| {
                tracing::warn!("指標の候補を索引から読めません: {e:#}");
                Vec::new()
            })
        };
        let mut matches: Vec<(usize, &Record)> = candidates
            .iter()
            .filter_map(|r| {
                let name = fold(&r.body.name());
                let label = fold(&indicator_label(r));
                if typed.is_empty() || name.starts_with(&typed) {
                    Some((0, r))
                } else if label.contains(&typed) {
                    Some((1, r))
                } else {
                    None
                }
            })
            .collect();
        let place = |r: &Record| (self.position.get(&r.source.file).copied().unwrap_or(usize::MAX), r.line);
        matches.sort_by_key(|(rank, r)| (*rank, place(r)));
        matches.into_iter().take(MAX_CHOICES).map(|(_, r)| (indicator_label(r), indicator_key(r))).collect()
    }

    /// The first `n` indicators in document and line order, reading as few documents as needed.
    fn first_indicators(&self, n: usize) -> Vec<Record> {
        let mut out = Vec::new();
        for d in &self.documents {
            match self.engine.index().records_in(&d.file, "indicator", None) {
                Ok(records) => out.extend(records),
                Err(e) => tracing::warn!("指標を索引から読めません: {e:#}"),
            }
            if out.len() >= n {
                break;
            }
        }
        out
    }

    /// Up to 25 municipalities of the catalog matching what the user has typed.
    pub fn municipality_choices(&self, typed: &str) -> Vec<String> {
        let typed = fold(typed);
        self.municipalities.iter().filter(|m| fold(m).contains(&typed)).take(MAX_CHOICES).cloned().collect()
    }

    /// The catalog's spelling of a municipality the user chose or typed, if it is one.
    pub fn municipality(&self, typed: &str) -> Option<&str> {
        let typed = fold(typed.trim());
        self.municipalities
            .iter()
            .find(|m| fold(m) == typed || m.strip_suffix(['市', '町', '村']).is_some_and(|s| fold(s) == typed))
            .map(String::as_str)
    }

    /// An answer made of one indicator record, as `/target` shows it.
    pub fn indicator_answer(&self, record: &Record) -> Answer {
        let Body::Indicator(i) = &record.body else {
            return self.engine.ask(&record.body.name());
        };
        let value = |v: &Option<crate::ingest::value::Value>| v.as_ref().map(|v| v.display());
        let mut text = format!("{}「{}」", record.source.title, i.name);
        match (value(&i.baseline), value(&i.target)) {
            (Some(b), Some(t)) => text.push_str(&format!("は 現状値 {b} → 目標値 {t} です。[1]")),
            (None, Some(t)) => text.push_str(&format!("の目標値は {t} です。[1]")),
            (Some(b), None) => text.push_str(&format!("の現状値は {b} です。[1]")),
            (None, None) => text.push_str(&format!("は{}。[1]", i.note.as_deref().unwrap_or("値の記載がありません"))),
        }
        Answer {
            question: i.name.clone(),
            found: true,
            intent: "target".into(),
            answer: text,
            citations: vec![Citation::of(record)],
            hits: vec![record.clone()],
        }
    }
}

/// The question as the engine should get it: with the municipality in front when one is chosen
/// (the `自治体` option, or a server's default from `/setup`) and the question does not already
/// name one. An explicit choice wins over a server default; a municipality named in the
/// question wins over both.
pub fn scoped_question(question: &str, chosen: Option<&str>, known: &[String]) -> String {
    let question = question.trim();
    let Some(chosen) = chosen.filter(|c| !c.trim().is_empty()) else { return question.to_string() };
    let folded = fold(question);
    let names_one = known.iter().any(|m| {
        folded.contains(&fold(m)) || m.strip_suffix(['市', '町', '村']).is_some_and(|s| folded.contains(&fold(s)))
    });
    if names_one {
        question.to_string()
    } else {
        format!("{chosen}の{question}")
    }
}

/// A question as typed in Discord, without what is Discord's markup rather than the question:
/// mentions of users, roles and channels (`<@id>`, `<@!id>`, `<@&id>`, `<#id>`), custom emoji,
/// `@everyone` / `@here`, and a markdown link's address (its text is kept). A mention in front of
/// a valid question must not turn it into "not found".
pub fn clean_question(text: &str) -> String {
    static MARKUP: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(
            r"<(?:@[!&]?|#)\d{1,25}>|<a?:\w{1,40}:\d{1,25}>|@(?:everyone|here)(?P<next>[^A-Za-z0-9_.\-]|$)|\]\(\s*<?https?://[^)\s]*>?\s*\)",
        )
        .expect("a valid pattern")
    });
    // Japanese has no spaces: "@everyone交付率" is a ping before a question.
    let without = MARKUP.replace_all(text, |c: &regex::Captures| match c.name("next") {
        Some(next) => format!(" {}", next.as_str()),
        None if c[0].starts_with(']') => "]".to_string(),
        None => " ".to_string(),
    });
    let without = without.replace(['[', ']'], " ");
    without.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of a `/target` choice: a short hash of the row's file, and its line. Discord allows
/// 100 characters and a server path can be longer; the key stays the same across a reindex that
/// does not move the row, and names the one document to read the row from.
pub fn indicator_key(r: &Record) -> String {
    format!("ind:{}:{}", file_key(&r.source.file), r.line)
}

fn file_key(file: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(file.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// "マイナンバーカードの交付率（本庄市・総合計画 後期基本計画）", at most 100 characters.
pub fn indicator_label(r: &Record) -> String {
    let muni = r.source.municipality.as_deref().unwrap_or("");
    let title = r.source.title.strip_prefix(muni).unwrap_or(&r.source.title).trim();
    let label = if muni.is_empty() {
        format!("{}（{title}）", r.body.name())
    } else {
        format!("{}（{muni}・{title}）", r.body.name())
    };
    cut(&label, MAX_CHOICE_CHARS)
}

/// Cuts to at most `max` characters, ending with "…" when it had to cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Width, case and spacing folded away, so "ﾏｲﾅﾝﾊﾞｰ" finds "マイナンバー".
fn fold(text: &str) -> String {
    normalize::text(text).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        vec!["本庄市".into(), "小諸市".into()]
    }

    #[test]
    fn a_chosen_municipality_goes_in_front_of_a_question_that_names_none() {
        assert_eq!(scoped_question("交付率の目標は？", Some("本庄市"), &known()), "本庄市の交付率の目標は？");
        assert_eq!(scoped_question(" 交付率の目標は？ ", None, &known()), "交付率の目標は？");
        assert_eq!(scoped_question("交付率の目標は？", Some(" "), &known()), "交付率の目標は？");
    }

    #[test]
    fn a_question_naming_a_municipality_keeps_it() {
        assert_eq!(scoped_question("小諸市の市税収納率は？", Some("本庄市"), &known()), "小諸市の市税収納率は？");
        assert_eq!(scoped_question("小諸の市税収納率は？", Some("本庄市"), &known()), "小諸の市税収納率は？");
    }

    #[test]
    fn discord_markup_is_not_part_of_the_question() {
        assert_eq!(clean_question("<@42> 交付率は？ <@!7> <@&8> <#9>"), "交付率は？");
        assert_eq!(clean_question("@everyone @here 交付率は？ <:pray:123>"), "交付率は？");
        assert_eq!(clean_question("@everyone交付率は？@here"), "交付率は？");
        assert_eq!(clean_question("[公式](http://evil.example/x) 交付率は？"), "公式 交付率は？");
        assert_eq!(clean_question("メール a@herecity.jp の件"), "メール a@herecity.jp の件");
        assert_eq!(clean_question("<@> 1<2 と 3>2"), "<@> 1<2 と 3>2");
    }

    #[test]
    fn labels_and_cuts_stay_within_discords_100_characters() {
        let long = "あ".repeat(300);
        assert_eq!(cut(&long, 100).chars().count(), 100);
        assert!(cut(&long, 100).ends_with('…'));
        assert_eq!(cut("短い", 100), "短い");
    }
}
