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
use tantivy::tokenizer::{PreTokenizedString, Token, TokenStream, Tokenizer};

/// Name under which the tokenizer is registered in every index.
pub const TOKENIZER_NAME: &str = "ja_lindera";

/// Parts of speech that carry no meaning for search (IPAdic's first POS level).
const STOP_POS: &[&str] = &["助詞", "助動詞", "記号", "フィラー"];

/// A cheap-to-clone handle on one lindera segmenter. Each clone (tantivy makes one per
/// indexing thread and field) keeps its own cache of parts of speech by word id.
pub struct JapaneseTokenizer {
    segmenter: Arc<Segmenter>,
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

impl Clone for JapaneseTokenizer {
    fn clone(&self) -> Self {
        JapaneseTokenizer { segmenter: Arc::clone(&self.segmenter), pos: HashMap::new() }
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
            // Only symbols holding letters or digits ("2023", "Wi") become morphemes at all.
            "記号" => true,
            "UNK" | "" => true,
            _ => false,
        }
    }
}

impl JapaneseTokenizer {
    pub fn new(dictionary: Dictionary) -> Self {
        let segmenter = Segmenter::new(Mode::Normal, dictionary, None);
        JapaneseTokenizer { segmenter: Arc::new(segmenter), pos: HashMap::new() }
    }

    /// `text` analysed for a field that takes pre-tokenized text: the same tokens tantivy gets
    /// from [`Tokenizer::token_stream`], made where this clone runs. The build analyses every
    /// text on its reading threads this way (issue 12), so tantivy's indexing threads only
    /// write postings and nothing waits on one thread's analysis.
    pub fn pre_tokenized(&mut self, text: &str) -> PreTokenizedString {
        let mut pos = std::mem::take(&mut self.pos);
        let mut tokens = Vec::new();
        self.each_kept(text, &mut pos, |start, end, _| {
            let mut word = text[start..end].to_string();
            word.make_ascii_lowercase();
            tokens.push(Token {
                offset_from: start,
                offset_to: end,
                position: tokens.len(),
                text: word,
                position_length: 1,
            });
        });
        self.pos = pos;
        PreTokenizedString { text: text.to_string(), tokens }
    }

    /// Raw lindera segmentation, nothing else: how many tokens `text` has. The benchmark's
    /// yardstick for the tokenizer's own speed.
    pub fn segment_count(&self, text: &str) -> usize {
        self.segmenter.segment(Cow::Borrowed(text)).map_or(0, |t| t.len())
    }

    /// The reading (katakana, from IPAdic) of `word`, when the dictionary knows every part of
    /// it: 健診 and 検診 both read ケンシン, which is how a phone's typo is recognised.
    pub fn reading(&self, word: &str) -> Option<String> {
        let tokens = self.segmenter.segment(Cow::Borrowed(word)).ok()?;
        let mut out = String::new();
        for mut token in tokens {
            let details = token.details();
            let reading = details.get(7).filter(|r| **r != "*" && !r.is_empty())?;
            out.push_str(reading);
        }
        (!out.is_empty()).then_some(out)
    }

    /// The content morphemes of `text`. Segmentation errors yield no morphemes rather than a
    /// panic: an unanalysable question simply matches nothing.
    pub fn morphemes(&self, text: &str) -> Vec<Morpheme> {
        self.analyse(text, &mut HashMap::new())
    }

    fn analyse(&self, text: &str, cache: &mut PosCache) -> Vec<Morpheme> {
        let mut out = Vec::new();
        self.each_kept(text, cache, |start, end, pos| {
            let surface = &text[start..end];
            let text = if surface.bytes().any(|b| b.is_ascii_uppercase()) {
                surface.to_ascii_lowercase()
            } else {
                surface.to_string()
            };
            out.push(Morpheme { text, start, end, pos: Arc::clone(pos) });
        });
        out
    }

    /// Calls `f` with the byte span (white space trimmed) and part of speech of every token
    /// worth indexing. Both the query path and the indexing stream are built on this.
    fn each_kept(&self, text: &str, cache: &mut PosCache, mut f: impl FnMut(usize, usize, &Arc<str>)) {
        let Ok(tokens) = self.segmenter.segment(Cow::Borrowed(text)) else {
            return;
        };
        for mut token in tokens {
            let raw = &text[token.byte_start..token.byte_end];
            let surface = raw.trim();
            if surface.is_empty() {
                continue;
            }
            let start = token.byte_start + (raw.len() - raw.trim_start().len());
            let end = start + surface.len();
            let id = &token.word_id;
            let key = id.id() as u64 | (id.is_unknown() as u64) << 32 | (id.is_system() as u64) << 33;
            let pos = cache.entry(key).or_insert_with(|| classify(&token.details()));
            match pos {
                Pos::Keep(pos) => f(start, end, pos),
                Pos::Symbol(pos) if surface.chars().any(char::is_alphanumeric) => f(start, end, pos),
                Pos::Symbol(_) | Pos::Stop => {}
            }
        }
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
    type TokenStream<'a> = MorphemeStream<'a>;

    /// The indexing path: spans only, each surface copied once into tantivy's token.
    fn token_stream<'a>(&'a mut self, text: &'a str) -> MorphemeStream<'a> {
        let mut pos = std::mem::take(&mut self.pos);
        let mut spans = Vec::new();
        self.each_kept(text, &mut pos, |start, end, _| spans.push((start, end)));
        self.pos = pos;
        MorphemeStream { text, spans, next: 0, token: Token::default() }
    }
}

pub struct MorphemeStream<'a> {
    text: &'a str,
    spans: Vec<(usize, usize)>,
    next: usize,
    token: Token,
}

impl TokenStream for MorphemeStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(&(start, end)) = self.spans.get(self.next) else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.text.make_ascii_lowercase();
        self.token.offset_from = start;
        self.token.offset_to = end;
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
    fn pre_tokenized_text_has_the_tokens_of_the_indexing_stream() {
        let mut t = tokenizer();
        for text in ["公衆Wi-Fi環境の整備 2023年度", "マイナンバーカードの交付率　36.1％ ▶▶ 100.0％", "", "？？"]
        {
            let pre = t.pre_tokenized(text);
            let mut stream = t.token_stream(text);
            let mut streamed = Vec::new();
            while stream.advance() {
                streamed.push(stream.token().clone());
            }
            assert_eq!(pre.tokens, streamed, "{text}");
            assert_eq!(pre.text, text);
        }
        assert!(!t.pre_tokenized("公衆Wi-Fi環境").tokens.is_empty());
    }

    #[test]
    fn odd_input_gives_no_morphemes_instead_of_a_panic() {
        let t = tokenizer();
        assert!(t.morphemes("").is_empty());
        assert!(t.morphemes("？？！！").is_empty());
        let _ = t.morphemes("\u{0}\u{7}😀");
    }
}
