//! Bounds on every field of an [`Answer`]: a surface that prints or sends an answer whole (the
//! JSON of `ask --json`, the HTTP API) never echoes a whole long question or a whole long record
//! (issue 8, defect 10). Applied once, where [`Engine::ask`](super::Engine::ask) returns.

use serde_json::Value;

use super::{Answer, MAX_QUESTION_CHARS};
use crate::ingest::Record;

/// The longest answer text; a longer one ends with "…".
pub const MAX_ANSWER_CHARS: usize = 4_000;
pub const MAX_CITATIONS: usize = 20;
pub const MAX_HITS: usize = 20;
/// The longest text of one field of a citation or a hit.
pub const MAX_FIELD_CHARS: usize = 500;
/// The most items of one list inside a hit (yearly values, section path…).
const MAX_LIST_ITEMS: usize = 100;

impl Answer {
    /// The answer with every text and list cut to its bound.
    pub fn bounded(mut self) -> Answer {
        cut(&mut self.question, MAX_QUESTION_CHARS);
        cut(&mut self.answer, MAX_ANSWER_CHARS);
        self.citations.truncate(MAX_CITATIONS);
        for c in &mut self.citations {
            for text in [&mut c.file, &mut c.title, &mut c.section, &mut c.quote] {
                cut(text, MAX_FIELD_CHARS);
            }
            if let Some(m) = &mut c.municipality {
                cut(m, MAX_FIELD_CHARS);
            }
        }
        self.hits.truncate(MAX_HITS);
        self.hits = std::mem::take(&mut self.hits).into_iter().filter_map(bounded_record).collect();
        self
    }
}

/// A record with every string and list in it bounded, whatever fields records grow. A record
/// that no longer reads back after cutting is left out of the hits rather than sent whole.
fn bounded_record(record: Record) -> Option<Record> {
    let mut value = serde_json::to_value(&record).ok()?;
    if !clip(&mut value) {
        return Some(record);
    }
    serde_json::from_value(value).ok()
}

/// Cuts long strings and lists inside `value`; true when anything was cut.
fn clip(value: &mut Value) -> bool {
    match value {
        Value::String(s) => cut(s, MAX_FIELD_CHARS),
        Value::Array(items) => {
            let long = items.len() > MAX_LIST_ITEMS;
            items.truncate(MAX_LIST_ITEMS);
            items.iter_mut().fold(long, |changed, v| clip(v) | changed)
        }
        Value::Object(map) => map.values_mut().fold(false, |changed, v| clip(v) | changed),
        _ => false,
    }
}

/// Cuts `text` to at most `max` characters, the last one "…"; true when it was cut.
fn cut(text: &mut String, max: usize) -> bool {
    match text.char_indices().nth(max) {
        None => false,
        Some(_) => {
            let end = text.char_indices().nth(max.saturating_sub(1)).map_or(0, |(i, _)| i);
            text.truncate(end);
            text.push('…');
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::record::Source;

    #[test]
    fn long_texts_are_cut_on_a_character_boundary() {
        let mut s = "あいうえお".to_string();
        assert!(!cut(&mut s, 5));
        assert!(cut(&mut s, 3));
        assert_eq!(s, "あい…");
    }

    #[test]
    fn every_field_of_a_hit_is_bounded() {
        let long = "防災倉庫を点検します".repeat(2_000);
        let source =
            Source { file: "a.txt".into(), municipality: None, title: "計画".into(), edition: None, period: None };
        let mut record = crate::ingest::parse(&long, &source).remove(0);
        record.quote = long.clone();
        record.source.title = long.clone();
        record.section.path = vec!["節".into(); 1_000];
        let answer = Answer {
            question: long.clone(),
            found: true,
            intent: "lookup".into(),
            answer: long,
            citations: Vec::new(),
            hits: vec![record; 50],
        }
        .bounded();
        assert_eq!(answer.question.chars().count(), MAX_QUESTION_CHARS);
        assert_eq!(answer.answer.chars().count(), MAX_ANSWER_CHARS);
        assert_eq!(answer.hits.len(), MAX_HITS);
        let hit = &answer.hits[0];
        assert_eq!(hit.quote.chars().count(), MAX_FIELD_CHARS);
        assert_eq!(hit.source.title.chars().count(), MAX_FIELD_CHARS);
        assert_eq!(hit.section.path.len(), MAX_LIST_ITEMS);
        let mut value = serde_json::to_value(hit).unwrap();
        assert!(!clip(&mut value), "a field is still longer than its bound");
    }
}
