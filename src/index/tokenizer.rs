//! Japanese analysis for tantivy: lindera (IPAdic) morphemes, without particles and symbols.
//!
//! The same [`JapaneseTokenizer`] analyses documents at index time and questions at query time;
//! `index::open` registers it under [`TOKENIZER_NAME`] so the two can never drift apart.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use lindera::dictionary::Dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera::worker::SegmentWorker;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the tokenizer is registered in every index.
pub const TOKENIZER_NAME: &str = "ja_lindera";

/// Parts of speech that carry no meaning for search (IPAdic's first POS level).
const STOP_POS: &[&str] = &["助詞", "助動詞", "記号", "フィラー"];

/// A cheap-to-clone handle on one lindera segmenter. Each clone (tantivy makes one per
/// indexing thread and field) keeps its own cache of parts of speech by word id, its own
/// lattice, and the last texts it analysed.
pub struct JapaneseTokenizer {
    segmenter: Arc<Segmenter>,
    pos: PosCache,
    /// Made on the first text this clone analyses for indexing: it keeps lindera's lattice and
    /// backtrace buffers from one text to the next (`Segmenter::segment` allocates and frees a
    /// lattice per text: a tenth of lindera's instructions in a build).
    worker: Option<SegmentWorker>,
    recent: Recent,
    /// The spans of the text being indexed and the token handed to tantivy, kept from one text
    /// to the next so that a text costs no allocation of its own (a build hands over ~2 texts
    /// per record).
    spans: Vec<(usize, usize)>,
    token: Token,
    /// What the query path (`&self`) keeps between questions, shared by every clone: the parts
    /// of speech of the words seen and a lattice. Taken with `try_lock`: a question analysed
    /// while another holds it goes the uncached way instead of waiting.
    query: Arc<Mutex<Query>>,
    /// How far tantivy's indexing threads are behind the reading threads of one build, shared
    /// by every clone of [`JapaneseTokenizer::for_build`]'s tokenizer.
    pace: Arc<Pace>,
}

/// A value that a reading thread has analysed already: this letter, then every token as its
/// length in bytes, `:`, and its text. The reader's normalization removes control characters,
/// so no text of a record starts with it; one that did would be handed over analysed (see
/// [`JapaneseTokenizer::index_value`]), so the indexing side never takes a text for tokens.
const ANALYSED: char = '\u{1}';

/// Texts handed to tantivy and texts its indexing threads have analysed, in one build. The
/// reading threads read both for every text; the indexing threads count theirs. Apart, so that
/// the two sides do not write one cache line.
#[derive(Default)]
struct Pace {
    handed: Padded,
    analysed: Padded,
}

#[derive(Default)]
#[repr(align(128))]
struct Padded(AtomicUsize);

impl Pace {
    /// Texts handed over and not yet analysed beyond which a reading thread analyses the texts
    /// it hands over itself. tantivy's queue holds 10,000 records (about 20,000 texts); a
    /// reading thread that keeps it from filling shares lindera's work with the indexing thread
    /// instead of waiting for it (BENCHMARKS.md, "The indexing thread").
    const LAG: usize = 1_000;
}

#[derive(Default)]
struct Query {
    pos: PosCache,
    worker: Option<SegmentWorker>,
    /// The texts analysed last and their morphemes: one ask analyses its question, and each
    /// related word of it, several times over (for its words, its compounds, each search's
    /// clauses).
    recent: std::collections::VecDeque<(String, Vec<Morpheme>)>,
}

impl Query {
    /// Words of questions are few, but a server runs for months: past this many it starts
    /// afresh, so memory stays bounded.
    const MAX_WORDS: usize = 50_000;
    /// How many analysed texts are kept: about what one ask analyses (its question, the
    /// question respelled, a dozen related words), so an ask finds its own texts again.
    const RECENT: usize = 16;
}

/// Part of speech by word id. Looking a word's details up in the dictionary is the most
/// expensive step after segmentation, and words repeat.
type PosCache = HashMap<u64, Pos, BuildWordIdHasher>;

/// Word ids are small distinct integers: a multiplication spreads them well enough, and costs a
/// fraction of SipHash on every token.
#[derive(Clone, Copy, Default)]
struct BuildWordIdHasher;

impl std::hash::BuildHasher for BuildWordIdHasher {
    type Hasher = WordIdHasher;
    fn build_hasher(&self) -> WordIdHasher {
        WordIdHasher(0)
    }
}

struct WordIdHasher(u64);

impl std::hash::Hasher for WordIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The spans of the last few short texts a clone analysed. Records of one section, table or
/// list come to the indexer one after another and repeat the same short texts (a section's
/// title in every record of it, a table's category and departments in every row): each is
/// analysed once per run of records instead of once per record. Only the last
/// [`Recent::SLOTS`] texts are kept, so nothing is remembered beyond the records just indexed
/// (no hit across documents that happen to repeat far apart, and memory stays fixed).
#[derive(Default)]
struct Recent {
    slots: Vec<(String, Vec<(usize, usize)>)>,
    /// The slot to replace next.
    next: usize,
}

impl Recent {
    const SLOTS: usize = 32;
    /// Longer texts (passages) rarely repeat; comparing them would cost more than it saves.
    const MAX_BYTES: usize = 256;

    fn get(&self, text: &str) -> Option<&[(usize, usize)]> {
        self.slots.iter().find(|(t, _)| t == text).map(|(_, spans)| spans.as_slice())
    }

    fn put(&mut self, text: &str, spans: &[(usize, usize)]) {
        if self.slots.len() < Self::SLOTS {
            self.slots.push((text.to_string(), spans.to_vec()));
        } else {
            let slot = &mut self.slots[self.next];
            slot.0.clear();
            slot.0.push_str(text);
            slot.1.clear();
            slot.1.extend_from_slice(spans);
        }
        self.next = (self.next + 1) % Self::SLOTS;
    }
}

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
        JapaneseTokenizer {
            query: Arc::clone(&self.query),
            pace: Arc::clone(&self.pace),
            ..JapaneseTokenizer::with(Arc::clone(&self.segmenter))
        }
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
        JapaneseTokenizer::with(Arc::new(segmenter))
    }

    /// The tokenizer over the compiled IPAdic of `cache_root` (compiled first if needed),
    /// sharing its segmenter with every tokenizer of this process loaded from the same folder
    /// that is still alive. Each load maps the dictionary files anew, and the kernel counts the
    /// pages of each mapping in the process's resident memory: a server swapping generations,
    /// an update followed by an open, or the bench holding its yardstick tokenizer beside the
    /// index's, held the dictionary two or three times (~15–40 MB each, BENCHMARKS.md). Only a
    /// weak handle is kept here, so the mapping goes when the last tokenizer does.
    pub fn load(cache_root: &std::path::Path) -> anyhow::Result<Self> {
        type Shared = Option<(std::path::PathBuf, std::sync::Weak<Segmenter>)>;
        static SHARED: Mutex<Shared> = Mutex::new(None);
        let dir = super::dictionary::ensure_compiled(cache_root)?;
        let mut shared = SHARED.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(segmenter) = shared.as_ref().filter(|(d, _)| *d == dir).and_then(|(_, s)| s.upgrade()) {
            return Ok(JapaneseTokenizer::with(segmenter));
        }
        let segmenter = Arc::new(Segmenter::new(Mode::Normal, super::dictionary::load_compiled(&dir)?, None));
        *shared = Some((dir, Arc::downgrade(&segmenter)));
        Ok(JapaneseTokenizer::with(segmenter))
    }

    fn with(segmenter: Arc<Segmenter>) -> Self {
        JapaneseTokenizer {
            segmenter,
            pos: PosCache::default(),
            worker: None,
            recent: Recent::default(),
            spans: Vec::new(),
            token: Token::default(),
            query: Arc::default(),
            pace: Arc::default(),
        }
    }

    /// Makes this clone's build behave as if its indexing threads lagged far behind: every
    /// text goes through [`JapaneseTokenizer::index_value`]'s analysing path.
    #[cfg(test)]
    pub(super) fn lag_always(&self) {
        self.pace.handed.0.store(usize::MAX / 2, Ordering::Relaxed);
    }

    /// A clone for one build's index and its reading threads, with a pace of its own.
    pub fn for_build(&self) -> JapaneseTokenizer {
        JapaneseTokenizer { pace: Arc::default(), ..self.clone() }
    }

    /// For a reading thread: the value to hand tantivy for `text`, in a field that this
    /// tokenizer (or a clone) analyses. While tantivy's indexing threads keep up, `text`
    /// itself; when they lag by more than [`Pace::LAG`] texts, its tokens, analysed here on
    /// this clone's own lattice, so that the indexing thread only copies them: the two stages of
    /// a build then share lindera's work as their speeds require. Either way the index gets the
    /// same tokens in the same order, so the index is the same.
    pub fn index_value<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        let handed = self.pace.handed.0.fetch_add(1, Ordering::Relaxed) + 1;
        let lag = handed.saturating_sub(self.pace.analysed.0.load(Ordering::Relaxed));
        if lag <= Pace::LAG && !text.starts_with(ANALYSED) {
            return Cow::Borrowed(text);
        }
        self.fill_spans(text);
        let mut value = String::with_capacity(text.len() + 4 * self.spans.len() + 1);
        value.push(ANALYSED);
        for &(start, end) in &self.spans {
            use std::fmt::Write;
            let _ = write!(value, "{}:", end - start);
            value.push_str(&text[start..end]);
        }
        Cow::Owned(value)
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

    /// Every reading (katakana) the dictionary gives `word` as a whole: the reading of its
    /// segmentation first, then those of each entry spelled exactly so (白 シロ, ハク; 千 セン,
    /// チ), without repeats. A place name is read by its letters' readings, any of them.
    pub fn readings(&self, word: &str) -> Vec<String> {
        let dictionary = &self.segmenter.dictionary;
        let mut out: Vec<String> = self.reading(word).into_iter().collect();
        for entry in dictionary.prefix_dictionary.find_surface(word) {
            let details = dictionary.word_details(entry.word_id().id() as usize);
            if let Some(r) = details.get(7).filter(|r| **r != "*" && !r.is_empty()) {
                if !out.iter().any(|o| o == r) {
                    out.push(r.to_string());
                }
            }
        }
        out
    }

    /// The content morphemes of `text`. Segmentation errors yield no morphemes rather than a
    /// panic: an unanalysable question simply matches nothing.
    pub fn morphemes(&self, text: &str) -> Vec<Morpheme> {
        let mut out = Vec::new();
        let push = |start: usize, end: usize, pos: &Arc<str>| {
            let surface = &text[start..end];
            let text = if surface.bytes().any(|b| b.is_ascii_uppercase()) {
                surface.to_ascii_lowercase()
            } else {
                surface.to_string()
            };
            out.push(Morpheme { text, start, end, pos: Arc::clone(pos) });
        };
        match self.query.try_lock() {
            Ok(mut query) => {
                let query = &mut *query;
                if let Some((_, morphemes)) = query.recent.iter().find(|(t, _)| t == text) {
                    return morphemes.clone();
                }
                if query.pos.len() > Query::MAX_WORDS {
                    query.pos.clear();
                }
                let worker = query.worker.get_or_insert_with(|| self.segmenter.new_worker());
                if let Ok(tokens) = worker.segment(text) {
                    kept(tokens, text, &mut query.pos, push);
                }
                if query.recent.len() == Query::RECENT {
                    query.recent.pop_front();
                }
                query.recent.push_back((text.to_string(), out.clone()));
            }
            Err(_) => self.each_kept(text, &mut PosCache::default(), push),
        }
        out
    }

    /// Calls `f` with the byte span (white space trimmed) and part of speech of every token
    /// worth indexing. Both the query path and the indexing stream are built on this.
    fn each_kept(&self, text: &str, cache: &mut PosCache, f: impl FnMut(usize, usize, &Arc<str>)) {
        if let Ok(tokens) = self.segmenter.segment(Cow::Borrowed(text)) {
            kept(tokens, text, cache, f);
        }
    }

    /// [`Self::each_kept`] on this clone's own lattice, for the indexing paths (the same tokens:
    /// lindera's worker segments exactly as `Segmenter::segment` does, reusing its buffers).
    fn each_kept_reusing(&mut self, text: &str, f: impl FnMut(usize, usize, &Arc<str>)) {
        let segmenter = &self.segmenter;
        let worker = self.worker.get_or_insert_with(|| segmenter.new_worker());
        if let Ok(tokens) = worker.segment(text) {
            kept(tokens, text, &mut self.pos, f);
        }
    }

    /// Leaves in `self.spans` the spans of the tokens worth indexing in `text`, for tantivy.
    fn fill_spans(&mut self, text: &str) {
        self.spans.clear();
        let short = text.len() <= Recent::MAX_BYTES;
        if short {
            if let Some(spans) = self.recent.get(text) {
                self.spans.extend_from_slice(spans);
                return;
            }
        }
        let mut spans = std::mem::take(&mut self.spans);
        self.each_kept_reusing(text, |start, end, _| spans.push((start, end)));
        if short {
            self.recent.put(text, &spans);
        }
        self.spans = spans;
    }
}

/// The spans, in the whole value, of the tokens of an analysed value whose tokens (after the
/// [`ANALYSED`] letter) start at byte `at`. A malformed value ends its tokens where it stops
/// making sense.
fn analysed_spans(tokens: &str, mut at: usize, spans: &mut Vec<(usize, usize)>) {
    spans.clear();
    let mut rest = tokens;
    while let Some((length, after)) = rest.split_once(':') {
        let Ok(length) = length.parse::<usize>() else { return };
        let Some(token) = after.get(..length) else { return };
        at += rest.len() - after.len();
        spans.push((at, at + token.len()));
        at += token.len();
        rest = &after[length..];
    }
}

/// Calls `f` for every token of `tokens` (lindera's analysis of `text`) worth indexing.
fn kept(
    tokens: Vec<lindera::token::Token<'_>>,
    text: &str,
    cache: &mut PosCache,
    mut f: impl FnMut(usize, usize, &Arc<str>),
) {
    for mut token in tokens {
        let raw = &text[token.byte_start..token.byte_end];
        // lindera drops tokens of white space alone; a token that neither starts nor ends with
        // it (nearly all) needs no trimming.
        let (first, last) = (raw.chars().next(), raw.chars().next_back());
        let (start, surface) = if first.is_some_and(|c| !c.is_whitespace()) && last.is_some_and(|c| !c.is_whitespace())
        {
            (token.byte_start, raw)
        } else {
            (token.byte_start + (raw.len() - raw.trim_start().len()), raw.trim())
        };
        if surface.is_empty() {
            continue;
        }
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

    /// The indexing path: spans only, each surface copied once into tantivy's token. A value a
    /// reading thread analysed ([`JapaneseTokenizer::index_value`]) is read, not analysed.
    fn token_stream<'a>(&'a mut self, text: &'a str) -> MorphemeStream<'a> {
        self.pace.analysed.0.fetch_add(1, Ordering::Relaxed);
        match text.strip_prefix(ANALYSED) {
            Some(tokens) => analysed_spans(tokens, ANALYSED.len_utf8(), &mut self.spans),
            None => self.fill_spans(text),
        }
        self.token.reset();
        MorphemeStream { text, spans: &self.spans, next: 0, token: &mut self.token }
    }
}

pub struct MorphemeStream<'a> {
    text: &'a str,
    spans: &'a [(usize, usize)],
    next: usize,
    token: &'a mut Token,
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
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
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
    fn tokenizers_loaded_while_another_lives_share_its_dictionary() {
        let root = dictionary::cache_root();
        let first = JapaneseTokenizer::load(&root).unwrap();
        let second = JapaneseTokenizer::load(&root).unwrap();
        assert!(Arc::ptr_eq(&first.segmenter, &second.segmenter));
        // Each load has its own query cache, as a tokenizer made with `new` has.
        assert!(!Arc::ptr_eq(&first.query, &second.query));
        assert_eq!(texts(&second, "経常収支比率の目標"), texts(&tokenizer(), "経常収支比率の目標"));
        // Nothing holds the dictionary once the last tokenizer is gone: the next load maps it
        // anew (tests of other modules may hold one meanwhile; then it is shared).
        let weak = Arc::downgrade(&first.segmenter);
        drop((first, second));
        let third = JapaneseTokenizer::load(&root).unwrap();
        assert!(weak.upgrade().is_none_or(|s| Arc::ptr_eq(&s, &third.segmenter)));
    }

    #[test]
    fn splits_a_question_into_content_words() {
        let t = tokenizer();
        let words = texts(&t, "マイナンバーカードの交付率の目標は？");
        assert_eq!(words, ["マイナンバーカード", "交付", "率", "目標"]);
    }

    #[test]
    fn a_text_analysed_again_gives_the_same_morphemes_whether_kept_or_not() {
        let t = tokenizer();
        let question = "市ホームページのアクセス数の目標を比べると？";
        let first = t.morphemes(question);
        // Fresh analysis on a tokenizer that kept nothing: the same spans, texts and parts of speech.
        let mut fresh = Vec::new();
        t.each_kept(question, &mut PosCache::default(), |start, end, pos| {
            fresh.push((start, end, pos.to_string()));
        });
        let spans = |ms: &[Morpheme]| -> Vec<(usize, usize, String)> {
            ms.iter().map(|m| (m.start, m.end, m.pos.to_string())).collect()
        };
        assert_eq!(spans(&first), fresh);
        assert_eq!(t.morphemes(question), first, "kept");
        // Pushed out by more texts than are kept, it is analysed again, the same.
        for k in 0..(Query::RECENT + 2) {
            t.morphemes(&format!("施策{k}の目標"));
        }
        assert_eq!(t.morphemes(question), first, "analysed again");
        assert!(t.query.lock().unwrap().recent.len() <= Query::RECENT);
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

    fn streamed(t: &mut JapaneseTokenizer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = t.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            out.push((token.text.clone(), token.offset_from, token.offset_to, token.position));
        }
        out
    }

    #[test]
    fn the_indexing_stream_has_the_tokens_of_the_query_path_whatever_came_before() {
        let mut t = tokenizer();
        let texts = [
            "公衆Wi-Fi環境の整備 2023年度",
            "マイナンバーカードの交付率　36.1％ ▶▶ 100.0％",
            "",
            "？？",
            "成果指標 総務課 企画課",
        ];
        // Each text alone, then again after others: the lattice this clone keeps and the texts
        // it remembers must not change what a text yields.
        let expected: Vec<Vec<(String, usize, usize, usize)>> = texts
            .iter()
            .map(|text| t.morphemes(text).into_iter().enumerate().map(|(i, m)| (m.text, m.start, m.end, i)).collect())
            .collect();
        assert!(!expected[0].is_empty() && !expected[4].is_empty());
        for round in 0..3 {
            for (text, want) in texts.iter().zip(&expected) {
                assert_eq!(&streamed(&mut t, text), want, "round {round}: {text}");
            }
        }
        // More different texts than it remembers, then the first again.
        let many: Vec<String> = (0..2 * Recent::SLOTS).map(|i| format!("第{i}章 防災倉庫の点検")).collect();
        for text in &many {
            let want: Vec<_> =
                t.morphemes(text).into_iter().enumerate().map(|(i, m)| (m.text, m.start, m.end, i)).collect();
            assert_eq!(streamed(&mut t, text), want, "{text}");
        }
        assert_eq!(streamed(&mut t, texts[0]), expected[0]);
        // A long text (never remembered) twice.
        let long = "防災倉庫の点検を毎月行います。".repeat(30);
        assert!(long.len() > Recent::MAX_BYTES);
        assert_eq!(streamed(&mut t, &long), streamed(&mut t, &long));
        assert_eq!(streamed(&mut t, &long).len(), t.morphemes(&long).len());
    }

    #[test]
    fn a_text_analysed_by_a_reading_thread_gives_the_indexing_thread_the_same_tokens() {
        let indexing = tokenizer().for_build();
        let mut reading = indexing.clone();
        let mut indexing = indexing;
        let long = "防災倉庫の点検を毎月行います。".repeat(30);
        let texts = [
            "公衆Wi-Fi環境の整備 2023年度",
            "マイナンバーカードの交付率　36.1％ ▶▶ 100.0％",
            "",
            "？？",
            "5:ab 12:数字とコロン",
            "\u{1}3:印で始まる文",
            long.as_str(),
        ];
        let words = |t: &JapaneseTokenizer, text: &str| -> Vec<(String, usize)> {
            t.morphemes(text).into_iter().enumerate().map(|(i, m)| (m.text, i)).collect()
        };
        let tokens = |t: &mut JapaneseTokenizer, value: &str| -> Vec<(String, usize)> {
            streamed(t, value).into_iter().map(|(text, _, _, position)| (text, position)).collect()
        };
        // Keeping up: handed as they are, except a text that starts with the mark.
        for text in texts {
            let value = reading.index_value(text);
            assert_eq!(matches!(value, Cow::Owned(_)), text.starts_with(ANALYSED), "{text}");
            assert_eq!(tokens(&mut indexing, &value), words(&reading, text), "{text}");
        }
        // Lagging: every text analysed by the reading clone, the same tokens in the same order.
        reading.lag_always();
        for round in 0..2 {
            for text in texts {
                let value = reading.index_value(text);
                assert!(matches!(value, Cow::Owned(_)), "{text}");
                assert_eq!(tokens(&mut indexing, &value), words(&reading, text), "round {round}: {text}");
            }
        }
        assert!(!words(&reading, texts[5]).is_empty());
        // A malformed value ends its tokens, never panics.
        for value in ["\u{1}", "\u{1}2:あ", "\u{1}x:ab", "\u{1}99:ab", "\u{1}2:ab3", "\u{1}1:a1:b"] {
            let got = tokens(&mut indexing, value);
            assert!(got.len() <= 2, "{value}: {got:?}");
        }
        assert_eq!(tokens(&mut indexing, "\u{1}1:a1:B"), [("a".to_string(), 0), ("b".to_string(), 1)]);
    }

    #[test]
    fn a_question_analyses_the_same_on_any_clone_or_thread_whatever_came_before() {
        let t = tokenizer();
        let questions = [
            "マイナンバーカードの交付率の目標は？",
            "公衆Wi-Fi環境の整備 2023年度",
            "燃えるごみの収集日はいつですか？",
        ];
        // The uncached way, as a clone analyses while another holds the shared state.
        let uncached: Vec<Vec<Morpheme>> = questions
            .iter()
            .map(|q| {
                let mut out = Vec::new();
                t.each_kept(q, &mut PosCache::default(), |start, end, pos| {
                    out.push(Morpheme { text: q[start..end].to_ascii_lowercase(), start, end, pos: Arc::clone(pos) })
                });
                out
            })
            .collect();
        assert!(uncached.iter().all(|m| !m.is_empty()));
        std::thread::scope(|scope| {
            for _ in 0..4 {
                let t = t.clone();
                let (questions, uncached) = (&questions, &uncached);
                scope.spawn(move || {
                    for round in 0..20 {
                        for (q, want) in questions.iter().zip(uncached) {
                            assert_eq!(&t.morphemes(q), want, "round {round}: {q}");
                        }
                    }
                });
            }
        });
    }

    #[test]
    fn odd_input_gives_no_morphemes_instead_of_a_panic() {
        let t = tokenizer();
        assert!(t.morphemes("").is_empty());
        assert!(t.morphemes("？？！！").is_empty());
        let _ = t.morphemes("\u{0}\u{7}😀");
    }
}
