//! Homophone typos of a phone's IME (特定検診 for 特定健診, 待期 for 待機): a word of the
//! question that the plans do not use in that compound is read as the word of the same
//! reading (lindera IPAdic gives readings) that the plans do use there.
//!
//! A correction is made only when the typed compound occurs nowhere in the plans and the
//! corrected one does, so a question the plans answer as typed is never changed; the corrected
//! question then passes every check an answer must pass, and the answer says what was read.

use std::collections::HashMap;

use crate::index::PlanIndex;

/// The plans' two-kanji words by the readings of their letters (homophones among kana words
/// are rarely typos: the IME did not convert them). A phone's typo swaps a kanji for another
/// of the same sound (検診 → 健診, 待期 → 待機, 以降 → 移行); lindera splits many such words
/// of the plans (健診 as 健 + 診), so each letter's reading is taken alone.
pub struct Homophones {
    by_reading: HashMap<String, Vec<String>>,
    letters: std::sync::Mutex<HashMap<char, Option<String>>>,
}

/// One word of the question read as another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub typed: String,
    pub read_as: String,
}

fn all_kanji(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(is_kanji)
}

impl Homophones {
    /// Reads every two adjacent kanji of the index once (built when a question first needs it).
    pub fn of_index(index: &PlanIndex) -> Homophones {
        let mut h = Homophones { by_reading: HashMap::new(), letters: Default::default() };
        for word in index.bigrams().into_iter().filter(|w| all_kanji(w)) {
            if let Some(reading) = h.reading(index, &word) {
                h.by_reading.entry(reading).or_default().push(word.clone());
            }
            // Read as one word too: a letter read alone may take another reading than in a
            // word (心 alone is ココロ, in 感心 シン), so 感心 and 感震 meet only as words.
            if let Some(reading) = whole_reading(index, &word) {
                h.by_reading.entry(reading).or_default().push(word);
            }
        }
        h
    }

    /// The readings of a word's letters, each read alone, joined.
    fn reading(&self, index: &PlanIndex, word: &str) -> Option<String> {
        let mut letters = self.letters.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::new();
        for c in word.chars() {
            let r = letters.entry(c).or_insert_with(|| index.tokenizer.reading(&c.to_string()));
            out.push_str(r.as_deref()?);
            out.push('|');
        }
        Some(out)
    }

    /// The question with its homophone typos corrected, and the corrections made. Each run
    /// of kanji of the question (待期児童数: lindera need not split it as the plans would) that
    /// the plans do not hold is tried with each two of its letters swapped for a homophone.
    /// `known` tells whether a word is no typo though no text of the plans holds it: it stands
    /// in a document's title (後期 of 後期基本計画), or the synonyms relate it to a word the
    /// plans hold (先生 for 教員, not 宣誓 of the same sound).
    pub fn correct(&self, index: &PlanIndex, text: &str, known: impl Fn(&str) -> bool) -> (String, Vec<Correction>) {
        let chars: Vec<char> = text.chars().collect();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (k, c) in chars.iter().enumerate() {
            if !is_kanji(*c) {
                continue;
            }
            match runs.last_mut() {
                Some((_, end)) if *end == k => *end = k + 1,
                _ => runs.push((k, k + 1)),
            }
        }
        let mut out = text.to_string();
        let mut made = Vec::new();
        let vocabulary = crate::ingest::roles::active();
        for (from, to) in runs.into_iter().filter(|(from, to)| to - from >= 2) {
            let run: String = chars[from..to].iter().collect();
            // A label of the vocabulary (所管, 担当課) is a word plans use, held or not.
            if occurs(index, &run) || vocabulary.exact_label(&run).is_some() {
                continue;
            }
            // A verb's stem (目指 of 目指してる) is the verb, rarely a typo; the plans' prose, which
            // says it, is not in the bigrams `occurs` reads.
            let with_ending: String = chars[from..(to + 3).min(chars.len())].iter().collect();
            let verb = index
                .tokenizer
                .morphemes(&with_ending)
                .first()
                .is_some_and(|m| m.start == 0 && m.pos.starts_with("動詞") && m.end > run.len());
            if verb {
                continue;
            }
            'pairs: for (at, whole) in (from..to - 1).flat_map(|at| [(at, false), (at, true)]) {
                let typed: String = chars[at..at + 2].iter().collect();
                let reading = if whole { whole_reading(index, &typed) } else { self.reading(index, &typed) };
                let mut words: Vec<&String> =
                    reading.and_then(|r| self.by_reading.get(&r)).into_iter().flatten().collect();
                // A question's own word (目標 typed 目票) by any reading of the typed letters.
                if whole {
                    let asking = |w: &&String| vocabulary.asking_words.iter().any(|a| a == *w);
                    let by_letters = typed_readings(index, &typed);
                    words.extend(by_letters.iter().filter_map(|r| self.by_reading.get(r)).flatten().filter(asking));
                }
                // The plans' word that makes the run one the plans hold; the most used first.
                let swapped = |w: &str| {
                    let mut c = chars[from..to].to_vec();
                    c.splice(at - from..at - from + 2, w.chars());
                    c.into_iter().collect::<String>()
                };
                // Read whole, a word sounds like many (後期 like 好奇): only a word neither the plans'
                // text nor their titles use is read as another (感心 for 感震, 接種 for 摂取).
                let slip = !whole || (!occurs(index, &typed) && index.doc_freq(&typed) == 0 && !known(&typed));
                // A run of two letters is the word itself: the plans must use it as a word, or
                // with the letter the question writes next to it (感震|ブ of 感震ブレーカー), not only
                // as two letters of two words (工事 is not 後児 of 放課後|児童).
                let joined = |a: Option<&char>, b: Option<&char>| {
                    a.zip(b).is_some_and(|(a, b)| index.bigram_freq(&format!("{a}{b}")) > 0)
                };
                let next_to = |w: &str| {
                    let letter = |c: &&char| !crate::ingest::normalize::is_hiragana(**c) && c.is_alphanumeric();
                    joined(w.chars().last().as_ref(), chars.get(to).filter(letter))
                        || joined(
                            from.checked_sub(1).and_then(|k| chars.get(k)).filter(letter),
                            w.chars().next().as_ref(),
                        )
                };
                let a_word = |w: &str| to - from > 2 || index.doc_freq(w) > 0 || next_to(w);
                let mut fits: Vec<&String> = words
                    .into_iter()
                    .filter(|w| slip && **w != typed && occurs(index, &swapped(w)) && a_word(w))
                    .collect();
                fits.dedup();
                fits.sort_by_key(|w| std::cmp::Reverse(index.bigram_freq(w)));
                if let Some(w) = fits.first() {
                    // Said whole (特定検診 → 特定健診): a reader knows the compound, not the pair.
                    out = out.replacen(&run, &swapped(w), 1);
                    made.push(Correction { typed: run.clone(), read_as: swapped(w) });
                    break 'pairs;
                }
            }
        }
        (out, made)
    }
}

/// The reading of a two-kanji word read as one word (marked apart from letter-by-letter
/// readings, which are joined with |).
fn whole_reading(index: &PlanIndex, word: &str) -> Option<String> {
    index.tokenizer.reading(word).map(|r| format!("={r}"))
}

/// The readings a typed two-kanji word may have been typed by, as [`whole_reading`] marks
/// them: each joining of its letters' dictionary readings (目票 reads メヒョウ as a word, but
/// was typed モクヒョウ for 目標).
fn typed_readings(index: &PlanIndex, word: &str) -> Vec<String> {
    /// Most joinings tried (a letter has a few readings).
    const MAX_JOININGS: usize = 16;
    let mut out = Vec::new();
    let mut joined = vec![String::new()];
    for c in word.chars() {
        let letter = index.tokenizer.readings(&c.to_string());
        joined = joined.iter().flat_map(|j| letter.iter().map(move |r| format!("{j}{r}"))).take(MAX_JOININGS).collect();
    }
    out.extend(joined.into_iter().map(|r| format!("={r}")).filter(|r| r.len() > 1));
    out.dedup();
    out
}

/// Whether some run of kanji of `text` is not in the plans: only then is a correction tried
/// (a few lookups, where reading the plans' words costs a pass over the index).
pub fn needs_correction(index: &PlanIndex, text: &str) -> bool {
    let vocabulary = crate::ingest::roles::active();
    kanji_runs(text).iter().any(|run| !occurs(index, run) && vocabulary.exact_label(run).is_none())
}

/// The runs of two or more kanji of `text`.
fn kanji_runs(text: &str) -> Vec<String> {
    let mut runs: Vec<String> = vec![String::new()];
    for c in text.chars() {
        match runs.last_mut() {
            Some(run) if is_kanji(c) => run.push(c),
            Some(run) if !run.is_empty() => runs.push(String::new()),
            _ => {}
        }
    }
    runs.retain(|r| r.chars().count() >= 2);
    runs
}

fn is_kanji(c: char) -> bool {
    crate::ingest::normalize::is_kanji(c) || c == '々'
}

/// Whether the plans hold `text` (every pair of adjacent letters of it, which for a compound
/// of a few letters is as good as the compound).
fn occurs(index: &PlanIndex, text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 {
        return index.doc_freq(text) > 0;
    }
    chars.windows(2).all(|w| index.bigram_freq(&w.iter().collect::<String>()) > 0)
}
