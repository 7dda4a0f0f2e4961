//! Japanese analysis for tantivy: lindera (IPAdic) morphemes, without particles and symbols.
//!
//! The same [`JapaneseTokenizer`] analyses documents at index time and questions at query time;
//! `index::open` registers it under [`TOKENIZER_NAME`] so the two can never drift apart.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use lindera::dictionary::Dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the tokenizer is registered in every index.
pub const TOKENIZER_NAME: &str = "ja_lindera";

/// Parts of speech that carry no meaning for search (IPAdic's first POS level).
const STOP_POS: &[&str] = &["助詞", "助動詞", "記号", "フィラー"];

/// A cheap-to-clone handle on one lindera segmenter.
///
/// Each clone (tantivy makes one per indexing thread and field) keeps a small memo of the
/// short texts it analysed: section titles and names repeat on every record of a section,
/// and analysing them once instead of hundreds of times is most of the indexing time saved.
pub struct JapaneseTokenizer {
    segmenter: Arc<Segmenter>,
    memo: HashMap<String, Vec<Morpheme>>,
    pos: PosCache,
}

/// Part of speech by word id. Looking a word's details up in the dictionary is the most
/// expensive step after segmentation, and words repeat.
type PosCache = HashMap<u64, Pos>;

/// How a word is indexed, from its part of speech ("名詞,一般").
#[derive(Clone)]
enum Pos {
    Keep(Arc<str>),
    /// Particles, auxiliaries, fillers: never indexed.
    Stop,
    /// Symbols: indexed only when they hold letters or digits ("2023", "Wi").
    Symbol(Arc<str>),
}

/// Texts up to this many bytes are memoized; the memo is emptied when it holds this many.
const MEMO_TEXT_BYTES: usize = 160;
const MEMO_ENTRIES: usize = 4096;

impl Clone for JapaneseTokenizer {
    fn clone(&self) -> Self {
        JapaneseTokenizer { segmenter: Arc::clone(&self.segmenter), memo: HashMap::new(), pos: HashMap::new() }
    }
}

/// One analysed morpheme: its text (lower-cased), byte span in the analysed string, and its
/// part of speech as IPAdic gives it ("名詞,一般", "動詞,自立").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Morpheme {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub pos: Arc<str>,
}

impl Morpheme {
    /// A noun that can name a topic (not こと・ため・これ・今).
    pub fn is_topic_noun(&self) -> bool {
        let mut parts = self.pos.split(',');
        let (first, second) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        match first {
            "名詞" => !matches!(second, "非自立" | "代名詞" | "副詞可能" | "特殊"),
            "接頭詞" => false,
            "記号" => self.text.chars().any(char::is_alphanumeric),
            "UNK" | "" => true,
            _ => false,
        }
    }
}

impl JapaneseTokenizer {
    pub fn new(dictionary: Dictionary) -> Self {
        let segmenter = Segmenter::new(Mode::Normal, dictionary, None);
        JapaneseTokenizer { segmenter: Arc::new(segmenter), memo: HashMap::new(), pos: HashMap::new() }
    }

    /// Raw lindera segmentation, nothing else: how many tokens `text` has. The benchmark's
    /// yardstick for the tokenizer's own speed.
    pub fn segment_count(&self, text: &str) -> usize {
        self.segmenter.segment(Cow::Borrowed(text)).map_or(0, |t| t.len())
    }

    /// [`Self::morphemes`], remembered for short texts.
    fn morphemes_memo(&mut self, text: &str) -> Vec<Morpheme> {
        if text.len() > MEMO_TEXT_BYTES {
            let mut pos = std::mem::take(&mut self.pos);
            let found = self.analyse(text, &mut pos);
            self.pos = pos;
            return found;
        }
        if let Some(found) = self.memo.get(text) {
            return found.clone();
        }
        if self.memo.len() >= MEMO_ENTRIES {
            self.memo.clear();
        }
        let mut pos = std::mem::take(&mut self.pos);
        let found = self.analyse(text, &mut pos);
        self.pos = pos;
        self.memo.insert(text.to_string(), found.clone());
        found
    }

    /// The content morphemes of `text`. Segmentation errors yield no morphemes rather than a
    /// panic: an unanalysable question simply matches nothing.
    pub fn morphemes(&self, text: &str) -> Vec<Morpheme> {
        self.analyse(text, &mut HashMap::new())
    }

    fn analyse(&self, text: &str, cache: &mut PosCache) -> Vec<Morpheme> {
        let Ok(tokens) = self.segmenter.segment(Cow::Borrowed(text)) else {
            return Vec::new();
        };
        tokens
            .into_iter()
            .filter_map(|mut token| {
                let surface = token.surface.trim().to_string();
                if surface.is_empty() {
                    return None;
                }
                let id = &token.word_id;
                let key = id.id() as u64 | (id.is_unknown() as u64) << 32 | (id.is_system() as u64) << 33;
                let pos = match cache.get(&key) {
                    Some(pos) => pos.clone(),
                    None => {
                        let pos = classify(&token.details());
                        cache.insert(key, pos.clone());
                        pos
                    }
                };
                let pos = match pos {
                    Pos::Keep(pos) => pos,
                    Pos::Symbol(pos) if surface.chars().any(char::is_alphanumeric) => pos,
                    Pos::Symbol(_) | Pos::Stop => return None,
                };
                let text =
                    if surface.bytes().any(|b| b.is_ascii_uppercase()) { surface.to_lowercase() } else { surface };
                Some(Morpheme { text, start: token.byte_start, end: token.byte_end, pos })
            })
            .collect()
    }
}

/// How a word with these dictionary details is indexed.
fn classify(details: &[&str]) -> Pos {
    let first = details.first().copied().unwrap_or("");
    let pos: Arc<str> = Arc::from(details.iter().take(2).copied().collect::<Vec<_>>().join(","));
    match first {
        "記号" => Pos::Symbol(pos),
        _ if STOP_POS.contains(&first) => Pos::Stop,
        _ => Pos::Keep(pos),
    }
}

impl Tokenizer for JapaneseTokenizer {
    type TokenStream<'a> = MorphemeStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MorphemeStream {
        MorphemeStream { morphemes: self.morphemes_memo(text), next: 0, token: Token::default() }
    }
}

pub struct MorphemeStream {
    morphemes: Vec<Morpheme>,
    next: usize,
    token: Token,
}

impl TokenStream for MorphemeStream {
    fn advance(&mut self) -> bool {
        let Some(m) = self.morphemes.get(self.next) else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(&m.text);
        self.token.offset_from = m.start;
        self.token.offset_to = m.end;
        self.token.position = self.next;
        self.token.position_length = 1;
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::dictionary;

    fn tokenizer() -> JapaneseTokenizer {
        JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap())
    }

    fn texts(t: &JapaneseTokenizer, s: &str) -> Vec<String> {
        t.morphemes(s).into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn splits_a_question_into_content_words() {
        let t = tokenizer();
        let words = texts(&t, "マイナンバーカードの交付率の目標は？");
        assert_eq!(words, ["マイナンバーカード", "交付", "率", "目標"]);
    }

    #[test]
    fn keeps_numbers_and_latin_and_lowercases_them() {
        let t = tokenizer();
        let words = texts(&t, "公衆Wi-Fi環境の整備 2023年度");
        assert!(words.contains(&"wi".to_string()), "{words:?}");
        assert!(words.contains(&"2023".to_string()), "{words:?}");
        assert!(words.contains(&"整備".to_string()), "{words:?}");
    }

    #[test]
    fn offsets_point_into_the_input() {
        let t = tokenizer();
        let text = "経常収支比率の目標";
        for m in t.morphemes(text) {
            assert_eq!(text[m.start..m.end].to_lowercase(), m.text);
        }
    }

    #[test]
    fn topic_nouns_are_told_from_verbs_and_function_nouns() {
        let t = tokenizer();
        let nouns: Vec<String> = t
            .morphemes("交付率って最終的にどこまで上げるの")
            .into_iter()
            .filter(|m| m.is_topic_noun())
            .map(|m| m.text)
            .collect();
        assert_eq!(nouns, ["交付", "率", "最終", "的"]);
    }

    #[test]
    fn odd_input_gives_no_morphemes_instead_of_a_panic() {
        let t = tokenizer();
        assert!(t.morphemes("").is_empty());
        assert!(t.morphemes("？？！！").is_empty());
        let _ = t.morphemes("\u{0}\u{7}😀");
    }
}
