//! Targets stated in sentences: 「令和12年度までに図書館の年間貸出冊数を現在の45万冊から
//! 50万冊に増やします」 becomes an indicator whose quote is the sentence.

use super::record::Indicator;
use super::roles::Vocabulary;
use super::Doc;

/// An indicator read from a sentence, with the sentence.
pub struct Stated {
    pub line: usize,
    pub sentence: String,
    pub indicator: Indicator,
}

pub fn targets(_doc: &Doc, _vocabulary: &Vocabulary) -> Vec<Stated> {
    Vec::new()
}
