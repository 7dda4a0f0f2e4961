//! Lookups from the names a question can contain (municipalities, their stems, document
//! titles) to the documents they name, built once per engine so that reading a question costs
//! the same with five documents or fifteen thousand (issue 12).
//!
//! The engine used to compare each question with every municipality and every title; these
//! automata find the same names in one pass over the question, and title morphemes are
//! analysed only when a question needs them, not at start.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::index::tokenizer::JapaneseTokenizer;
use crate::ingest::normalize;
use crate::ingest::record::Source;

/// Names of municipalities, found in a question by one automaton.
pub struct Places {
    /// Every municipality of the catalog, sorted, without duplicates.
    pub all: Vec<String>,
    /// Patterns 0..all.len() are the names; the rest are stems (本庄市 → 本庄), `stem_of[k]` the
    /// municipality of stem pattern all.len() + k.
    automaton: Option<AhoCorasick>,
    stems: Vec<String>,
    stem_of: Vec<usize>,
    /// Names and stems (two letters or more) that hold a letter with other spellings
    /// ([`SPELLINGS`]), folded, and the name as the catalog spells it: 霧が森市 is 霧ヶ森市.
    variants: Option<(AhoCorasick, Vec<String>)>,
}

/// Letters that spell one sound of a place name: 霧ヶ森 = 霧ケ森 = 霧が森 = 霧ガ森 = 霧ヵ森 = 霧カ森,
/// 木之本 = 木ノ本 = 木の本. Each class folds to its first letter. Every letter here is three
/// bytes in UTF-8, so a folded text keeps the byte offsets of the text it was folded from.
const SPELLINGS: &[&str] = &["ヶケがガヵカ", "之ノの"];

/// The text with every letter of a [`SPELLINGS`] class written as the class's first letter.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| SPELLINGS.iter().find(|class| class.contains(c)).and_then(|class| class.chars().next()).unwrap_or(c))
        .collect()
}

/// What a question contains of the municipalities' names.
pub struct Found {
    /// Municipalities the question names, by name or by a stem of two letters or more, in
    /// catalog order.
    pub named: Vec<String>,
    /// Every name and then every stem (of any length) found in the question, in that order:
    /// what the engine drops from the question before looking for topic words.
    pub spelled: Vec<String>,
}

impl Places {
    pub fn new(mut all: Vec<String>) -> Places {
        all.sort();
        all.dedup();
        let (mut stems, mut stem_of) = (Vec::new(), Vec::new());
        for (k, m) in all.iter().enumerate() {
            if let Some(s) = m.strip_suffix(['市', '町', '村']) {
                stems.push(s.to_string());
                stem_of.push(k);
            }
        }
        let patterns: Vec<&str> = all.iter().chain(&stems).map(String::as_str).filter(|p| !p.is_empty()).collect();
        // An empty stem (a municipality named 市) would match everywhere; it is dropped above
        // only from the automaton, and replacing "" changes nothing, as before.
        let automaton = (patterns.len() == all.len() + stems.len())
            .then(|| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok())
            .flatten();
        // Only names holding a letter of SPELLINGS can be spelled otherwise; longest first, so
        // that a name wins over its stem.
        let mut spelt: Vec<(String, String)> = all
            .iter()
            .chain(&stems)
            .filter(|p| p.chars().count() >= 2 && has_spelling(p))
            .map(|p| (fold(p), p.clone()))
            .collect();
        spelt.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        spelt.dedup_by(|a, b| a.0 == b.0);
        let variants = (!spelt.is_empty())
            .then(|| {
                let patterns: Vec<&str> = spelt.iter().map(|(p, _)| p.as_str()).collect();
                AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(patterns).ok()
            })
            .flatten()
            .map(|ac| (ac, spelt.into_iter().map(|(_, m)| m).collect()));
        Places { all, automaton, stems, stem_of, variants }
    }

    /// The text with each municipality's name (or stem) written in another spelling of the
    /// same sound ([`SPELLINGS`]) rewritten as the catalog spells it, so that 「霧が森市」 names
    /// 霧ヶ森市 and is not read as an unknown 「森市」.
    pub fn respell(&self, text: &str) -> String {
        let Some((ac, names)) = &self.variants else { return text.to_string() };
        let folded = fold(text);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for m in ac.find_iter(&folded) {
            // Folding keeps byte offsets (every letter of SPELLINGS is three bytes); a text where
            // it would not is left as written.
            let (Some(before), Some(written)) = (text.get(at..m.start()), text.get(m.start()..m.end())) else {
                return text.to_string();
            };
            out.push_str(before);
            // Two places may differ only in such a letter: a name spelled as one is kept.
            let kept = self.is_known(written) || self.stems.iter().any(|s| s == written);
            out.push_str(if kept { written } else { &names[m.pattern().as_usize()] });
            at = m.end();
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }

    pub fn is_known(&self, name: &str) -> bool {
        self.all.binary_search_by(|m| m.as_str().cmp(name)).is_ok()
    }

    /// The names and stems the text contains, as a scan of every name would find them.
    pub fn find(&self, text: &str) -> Found {
        let mut ids: Vec<usize> = match &self.automaton {
            Some(ac) => ac.find_overlapping_iter(text).map(|m| m.pattern().as_usize()).collect(),
            // Some name was empty: scan, as the engine did before.
            None => (0..self.all.len() + self.stems.len()).filter(|&i| text.contains(self.pattern(i))).collect(),
        };
        ids.sort_unstable();
        ids.dedup();
        let n = self.all.len();
        let mut named: Vec<usize> = ids
            .iter()
            .filter_map(|&i| {
                if i < n {
                    Some(i)
                } else {
                    let stem = &self.stems[i - n];
                    (stem.chars().count() >= 2).then_some(self.stem_of[i - n])
                }
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        Found {
            named: named.into_iter().map(|i| self.all[i].clone()).collect(),
            spelled: ids.into_iter().map(|i| self.pattern(i).to_string()).collect(),
        }
    }

    fn pattern(&self, i: usize) -> &str {
        if i < self.all.len() {
            &self.all[i]
        } else {
            &self.stems[i - self.all.len()]
        }
    }
}

/// Place names as a question types them in kana, unconverted (るりかわ for 瑠璃川市, おぼろだに
/// for 朧谷町): each municipality's stem by its IPAdic reading, folded so that a voiced sound
/// matches its unvoiced one (谷 reads タニ, the name says だに; ヶ reads ケ or ガ). Built on the
/// first question holding a run of hiragana long enough to be a name.
pub struct KanaNames {
    /// (folded reading, stem, municipality), longest reading first. Readings of fewer than
    /// three kana are left out: too many words sound like them.
    readings: Vec<(Vec<char>, String, String)>,
}

/// Suffixes of a name typed in kana: し (市), ちょう or まち (町), むら or そん (村).
const KANA_SUFFIXES: &[(&str, char)] =
    &[("ちょう", '町'), ("まち", '町'), ("むら", '村'), ("そん", '村'), ("し", '市')];
/// What may follow a name typed in kana: a particle, a punctuation, or the end of the run.
const AFTER_A_NAME: &[char] = &['の', 'は', 'で', 'に', 'が', 'と', 'も', 'へ', 'や', 'っ', 'さ', 'く'];

/// A kana folded for comparison: katakana as hiragana, voiced and half-voiced as unvoiced, small
/// kana as large (an unconverted name is typed by ear).
fn fold_kana(c: char) -> char {
    let c = if ('ァ'..='ヶ').contains(&c) { char::from_u32(c as u32 - 0x60).unwrap_or(c) } else { c };
    const VOICED: &str = "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽぁぃぅぇぉっゃゅょゎゕゖ";
    const PLAIN: &str = "かきくけこさしすせそたちつてとはひふへほはひふへほあいうえおつやゆよわかけ";
    match VOICED.chars().position(|v| v == c) {
        Some(k) => PLAIN.chars().nth(k).unwrap_or(c),
        None => c,
    }
}

/// Readings of a stem letter by letter, each letter in every reading the dictionary gives it;
/// a letter of a [`SPELLINGS`] class (霧ヶ森's ヶ, 木之本's 之) reads as the class sounds. No
/// more than [`MAX_LETTER_READINGS`] of them: a long stem of many-read letters is spelled out in
/// kana by nobody.
fn letter_readings(stem: &str, readings: &impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in stem.chars() {
        let mut of_letter = readings(&c.to_string());
        if let Some(class) = SPELLINGS.iter().position(|class| class.contains(c)) {
            of_letter.extend(class_sounds(class));
        }
        if of_letter.is_empty() {
            return Vec::new();
        }
        // A letter whose reading the letter before already ends with may be said once with it
        // (薊見野 あざみの: アザミ + ミ + ノ with the ミ shared).
        out = out
            .iter()
            .flat_map(|r| {
                of_letter.iter().flat_map(move |l| {
                    let shared = (!r.is_empty() && r.ends_with(l.as_str())).then(|| r.clone());
                    std::iter::once(format!("{r}{l}")).chain(shared)
                })
            })
            .collect();
        out.dedup();
        out.truncate(MAX_LETTER_READINGS);
    }
    out
}

const MAX_LETTER_READINGS: usize = 64;

/// How a letter of the `class`-th [`SPELLINGS`] class sounds in a name: ヶ as カ or ケ (voiced
/// or not, as [`fold_kana`] compares), 之 as ノ.
fn class_sounds(class: usize) -> Vec<String> {
    match class {
        0 => vec!["カ".to_string(), "ケ".to_string()],
        _ => vec!["ノ".to_string()],
    }
}

/// Readings of a stem by its parts between the letters of a [`SPELLINGS`] class, each part read
/// as a word (早苗ヶ丘: サナエ + カ + オカ, where 早 and 苗 read letter by letter give no サナエ, and
/// the whole stem is no word of the dictionary); a part with no reading of its own reads as its
/// letters do.
fn part_readings(stem: &str, readings: &impl Fn(&str) -> Vec<String>) -> Vec<String> {
    if !stem.chars().any(|c| SPELLINGS.iter().any(|class| class.contains(c))) {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    let mut part = String::new();
    let join = |out: &mut Vec<String>, of_part: Vec<String>| {
        *out = out.iter().flat_map(|r| of_part.iter().map(move |p| format!("{r}{p}"))).collect();
        out.dedup();
        out.truncate(MAX_LETTER_READINGS);
    };
    for c in stem.chars().chain(std::iter::once('\0')) {
        let class = SPELLINGS.iter().position(|class| class.contains(c));
        if class.is_none() && c != '\0' {
            part.push(c);
            continue;
        }
        if !part.is_empty() {
            let mut of_part = readings(&part);
            if of_part.is_empty() {
                of_part = letter_readings(&part, readings);
            }
            if of_part.is_empty() {
                return Vec::new();
            }
            join(&mut out, of_part);
            part.clear();
        }
        if let Some(class) = class {
            join(&mut out, class_sounds(class));
        }
    }
    out
}

/// The Japanese readings Unihan gives a letter, in katakana (`vendor/unihan-readings`).
fn unihan_readings(c: char) -> &'static [String] {
    static READINGS: OnceLock<HashMap<char, Vec<String>>> = OnceLock::new();
    let table = READINGS.get_or_init(|| {
        include_str!("../../vendor/unihan-readings/readings.tsv")
            .lines()
            .filter_map(|line| {
                let (letter, readings) = line.split_once('\t')?;
                let mut chars = letter.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else { return None };
                Some((c, readings.split(' ').map(str::to_string).collect()))
            })
            .collect()
    });
    table.get(&c).map_or(&[], Vec::as_slice)
}

/// Readings of a stem cut into words of the dictionary, each word in every reading it has: 柚木坂
/// as 柚木 (ユノキ, among others) + 坂, 蜻蛉池 as 蜻蛉 + 池 (イケ), where the stem read whole is
/// ユズキザカ or トンボチ and letter by letter lacks 蜻 or gives 柚 only as ユズ. Every way of cutting
/// is tried, longest first words first; a letter of a [`SPELLINGS`] class is a word of its sounds.
fn word_readings(stem: &str, readings: &impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let letters: Vec<char> = stem.chars().collect();
    // Readings of the first k letters, for each k.
    let mut upto: Vec<Vec<String>> = vec![Vec::new(); letters.len() + 1];
    upto[0].push(String::new());
    for end in 1..=letters.len() {
        let mut here: Vec<String> = Vec::new();
        for start in 0..end {
            if upto[start].is_empty() {
                continue;
            }
            let piece: String = letters[start..end].iter().collect();
            let class = (end - start == 1).then(|| SPELLINGS.iter().position(|c| c.contains(letters[start]))).flatten();
            let of_piece = match class {
                Some(class) => class_sounds(class),
                None => readings(&piece),
            };
            for before in &upto[start] {
                here.extend(of_piece.iter().map(|r| format!("{before}{r}")));
            }
        }
        let mut seen = std::collections::HashSet::new();
        here.retain(|r| seen.insert(r.clone()));
        here.truncate(MAX_LETTER_READINGS);
        upto[end] = here;
    }
    upto.pop().unwrap_or_default()
}

fn is_hiragana(c: char) -> bool {
    crate::ingest::normalize::is_hiragana(c) || c == 'ー'
}

impl KanaNames {
    /// The readings of the municipalities' stems; `readings` gives every katakana reading the
    /// dictionary has for a word or a letter.
    pub fn new(all: &[String], dictionary: impl Fn(&str) -> Vec<String>) -> KanaNames {
        // A letter reads as the dictionary reads it, then as Unihan does (柑 カン, 鹿 カ as well as シカ).
        let readings = |w: &str| {
            let mut out = dictionary(w);
            let mut letters = w.chars();
            if let (Some(c), None) = (letters.next(), letters.next()) {
                for r in unihan_readings(c) {
                    if !out.contains(r) {
                        out.push(r.clone());
                    }
                }
            }
            out
        };
        // The stem read as a word, and letter by letter in each reading of each letter (a name
        // the dictionary does not know as a word reads as its letters do: 蕨原 ワラビ + ハラ;
        // 白磯 シライソ as well as シロイソ, 千磯 チイソ as well as センイソ).
        let mut by_name: Vec<(Vec<char>, String, String)> = all
            .iter()
            .flat_map(|m| {
                let Some(stem) = m.strip_suffix(['市', '町', '村']) else { return Vec::new() };
                let by_letter = letter_readings(stem, &readings);
                let by_part = part_readings(stem, &readings);
                let by_word = word_readings(stem, &readings);
                let mut of_name: Vec<(Vec<char>, String, String)> = readings(stem)
                    .into_iter()
                    .chain(by_letter)
                    .chain(by_part)
                    .chain(by_word)
                    .map(|r| r.chars().map(fold_kana).collect::<Vec<char>>())
                    .filter(|folded| folded.len() >= 3 && folded.iter().all(|c| is_hiragana(*c)))
                    .map(|folded| (folded, stem.to_string(), m.clone()))
                    .collect();
                of_name.sort();
                of_name.dedup_by(|a, b| a.0 == b.0);
                of_name
            })
            .collect();
        by_name.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.2.cmp(&b.2)));
        KanaNames { readings: by_name }
    }

    /// Whether the text may type a name in kana: a run of three hiragana or more.
    pub fn may_hold(text: &str) -> bool {
        let mut run = 0;
        for c in text.chars() {
            run = if is_hiragana(c) { run + 1 } else { 0 };
            if run >= 3 {
                return true;
            }
        }
        false
    }

    /// The text with each municipality's name typed in kana at the start of a run of hiragana
    /// written as the catalog spells it (「ひすいだい市の」 → 「翡翠台市の」, 「るりかわしの」 →
    /// 「瑠璃川市の」), when a particle, a suffix or the run's end follows it: the kana of
    /// 「いくらですか」 name no place.
    pub fn respell(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut k = 0;
        while k < chars.len() {
            let starts_run = is_hiragana(chars[k]) && (k == 0 || !is_hiragana(chars[k - 1]));
            let hit = starts_run.then(|| self.name_at(&chars, k)).flatten();
            match hit {
                Some((len, name)) => {
                    out.push_str(&name);
                    k += len;
                }
                None => {
                    out.push(chars[k]);
                    k += 1;
                }
            }
        }
        out
    }

    /// The name typed from `k` on: how many letters it takes (with a kana suffix), and the name
    /// to write (the stem, or the whole name when its suffix was typed too).
    fn name_at(&self, chars: &[char], k: usize) -> Option<(usize, String)> {
        let folded: Vec<char> = chars[k..].iter().take_while(|c| is_hiragana(**c)).map(|c| fold_kana(*c)).collect();
        for (reading, stem, name) in &self.readings {
            if !folded.starts_with(reading) {
                continue;
            }
            let rest: String = chars[k + reading.len()..].iter().collect();
            let suffix = name.chars().last();
            let typed_suffix = KANA_SUFFIXES.iter().find(|(kana, c)| Some(*c) == suffix && rest.starts_with(kana));
            let (len, written, after) = match typed_suffix {
                Some((kana, _)) => {
                    let n = kana.chars().count();
                    (reading.len() + n, name.clone(), rest.chars().nth(n))
                }
                None => (reading.len(), stem.clone(), rest.chars().next()),
            };
            if after.is_none_or(|c| !is_hiragana(c) || AFTER_A_NAME.contains(&c)) {
                return Some((len, written));
            }
        }
        None
    }
}

/// Whether the name holds a letter that has other spellings.
fn has_spelling(name: &str) -> bool {
    name.chars().any(|c| SPELLINGS.iter().any(|class| class.contains(c)))
}

/// Document titles: spelled whole in a question (one automaton), or abbreviated (morphemes of
/// the documents of the municipalities named, analysed on first use).
pub struct Titles {
    /// (file, municipality, title) of every document, in document order.
    documents: Vec<(String, Option<String>, String)>,
    /// The title as a question would spell it: the catalog title without municipality and
    /// parenthesized scope, compacted; distinct ones of four letters up to a question's length are patterns.
    spelled: Vec<String>,
    automaton: Option<AhoCorasick>,
    /// Documents of each distinct spelled title (pattern id → document indices, ascending).
    of_pattern: Vec<Vec<usize>>,
    /// Documents of each municipality, ascending.
    of_place: HashMap<String, Vec<usize>>,
    morphemes: Vec<OnceLock<Vec<String>>>,
}

impl Titles {
    pub fn new(docs: &[Source], compact: impl Fn(&str) -> String) -> Titles {
        let mut spelled = Vec::with_capacity(docs.len());
        let mut patterns: Vec<String> = Vec::new();
        let mut of_pattern: Vec<Vec<usize>> = Vec::new();
        let mut pattern_of: HashMap<String, usize> = HashMap::new();
        let mut of_place: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, d) in docs.iter().enumerate() {
            let mut title = d.title.clone();
            if let Some(m) = &d.municipality {
                title = title.replace(m.as_str(), "");
                of_place.entry(m.clone()).or_default().push(k);
            }
            if let Some(at) = title.find('（') {
                title.truncate(at);
            }
            let title = compact(&title);
            // A question is cut at MAX_QUESTION_CHARS letters: a longer title cannot be spelled
            // whole in it, and as a pattern it would only make the automaton slow to build.
            if (4..=super::MAX_QUESTION_CHARS).contains(&title.chars().count()) {
                let id = *pattern_of.entry(title.clone()).or_insert_with(|| {
                    patterns.push(title.clone());
                    of_pattern.push(Vec::new());
                    patterns.len() - 1
                });
                of_pattern[id].push(k);
            }
            spelled.push(title);
        }
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
        Titles {
            documents: docs.iter().map(|d| (d.file.clone(), d.municipality.clone(), d.title.clone())).collect(),
            spelled,
            automaton,
            of_pattern,
            of_place,
            morphemes: docs.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// (file, title as spelled) of every document whose title (four letters or more) the
    /// compacted question contains whole, in document order.
    pub fn spelled_in(&self, text: &str) -> Vec<(String, String)> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let mut ids: Vec<usize> = ac.find_overlapping_iter(text).map(|m| m.pattern().as_usize()).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut docs: Vec<usize> = ids.iter().flat_map(|&i| self.of_pattern[i].iter().copied()).collect();
        docs.sort_unstable();
        docs.into_iter().map(|k| (self.documents[k].0.clone(), self.spelled[k].clone())).collect()
    }

    /// Documents an abbreviated title may name, in document order: those of the municipalities
    /// the question names, or every document when it names none.
    pub fn candidates(&self, municipalities: &[String]) -> Vec<usize> {
        if municipalities.is_empty() {
            return (0..self.documents.len()).collect();
        }
        let mut docs: Vec<usize> =
            municipalities.iter().filter_map(|m| self.of_place.get(m)).flatten().copied().collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    /// Files of the documents (of the municipalities named, or all) whose title holds this
    /// word, compared as NFKC text without white space: 「第3期」 names 第３期総合戦略.
    pub fn holding(&self, municipalities: &[String], word: &str) -> Vec<String> {
        self.candidates(municipalities)
            .into_iter()
            .filter(|&k| {
                let title: String =
                    normalize::text(&self.documents[k].2).chars().filter(|c| !c.is_whitespace()).collect();
                title.contains(word)
            })
            .map(|k| self.documents[k].0.clone())
            .collect()
    }

    pub fn file(&self, k: usize) -> &str {
        &self.documents[k].0
    }

    /// The morphemes of document k's title, analysed the first time they are asked for.
    pub fn morphemes(&self, k: usize, tokenizer: &JapaneseTokenizer) -> &[String] {
        self.morphemes[k].get_or_init(|| {
            tokenizer.morphemes(&normalize::text(&self.documents[k].2)).into_iter().map(|m| m.text).collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        // Overlapping names, a one-letter stem (津), a name inside another (本庄市 / 本庄12市).
        ["本庄市", "本庄12市", "津市", "桜川台町", "白鷺村", "北本庄市", "府中町"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// What the engine computed before: every name, then every stem, each looked for in turn.
    fn scan(known: &[String], text: &str) -> (Vec<String>, Vec<String>) {
        let mut known = known.to_vec();
        known.sort();
        let stem = |m: &String| m.strip_suffix(['市', '町', '村']).map(String::from);
        let named = known
            .iter()
            .filter(|m| {
                text.contains(m.as_str()) || stem(m).is_some_and(|s| s.chars().count() >= 2 && text.contains(&s))
            })
            .cloned()
            .collect();
        let spelled =
            known.iter().cloned().chain(known.iter().filter_map(stem)).filter(|d| text.contains(d.as_str())).collect();
        (named, spelled)
    }

    #[test]
    fn a_place_name_typed_in_kana_is_the_catalogs() {
        let t = crate::index::tokenizer::JapaneseTokenizer::new(
            crate::index::dictionary::load(&crate::index::dictionary::cache_root()).unwrap(),
        );
        let all: Vec<String> = ["白鷺村", "鳥谷町", "青葉台市", "津市"].iter().map(|s| s.to_string()).collect();
        let kana = KanaNames::new(&all, |w| t.readings(w));
        // A voiced sound where the reading has none (谷 タニ, typed だに), a suffix typed in kana.
        assert_eq!(kana.respell("とりだにの人口は？"), "鳥谷の人口は？");
        assert_eq!(kana.respell("あおばだいしの目標"), "青葉台市の目標");
        assert_eq!(kana.respell("しらさぎ村の担当課"), "白鷺村の担当課");
        // Kana that only start like a name, or a reading too short to tell, are left alone.
        assert_eq!(kana.respell("あおばだいすきです"), "あおばだいすきです");
        assert_eq!(kana.respell("つの目標は？"), "つの目標は？");
        assert!(KanaNames::may_hold("いまなんにん") && !KanaNames::may_hold("市の人口"));
        // A letter read as any of its readings (白 シラ, 千 チ, 岳 タケ), ヶ as it sounds.
        let all: Vec<String> = ["白沢村", "千川町", "岳ヶ原市"].iter().map(|s| s.to_string()).collect();
        let kana = KanaNames::new(&all, |w| t.readings(w));
        assert_eq!(kana.respell("しらさわ村の人口"), "白沢村の人口");
        assert_eq!(kana.respell("ちかわ町の目標"), "千川町の目標");
        // A reading the letter before already ends with, said once (薊見野 あざみの).
        let shared = KanaNames::new(&["薊見野町".to_string()], |w| t.readings(w));
        assert_eq!(shared.respell("あざみの町の防災士"), "薊見野町の防災士");
        assert_eq!(kana.respell("たけがはら市の担当課"), "岳ヶ原市の担当課");
        // A stem read by its words between the letters of a class: 早苗 as a word, not 早 + 苗.
        let parts = |w: &str| match w {
            "早苗" => vec!["サナエ".to_string()],
            "早" => vec!["ハヤ".to_string()],
            "苗" => vec!["ナエ".to_string()],
            "丘" => vec!["オカ".to_string()],
            _ => Vec::new(),
        };
        let kana = KanaNames::new(&["早苗ヶ丘市".to_string()], parts);
        assert_eq!(kana.respell("さなえがおか市の目標"), "早苗ヶ丘市の目標");
        // A stem cut into words of the dictionary, each read in any of its readings.
        let words = |w: &str| match w {
            "柚木" => vec!["ユズキ".to_string(), "ユノキ".to_string()],
            "柚" => vec!["ユズ".to_string()],
            "木" => vec!["キ".to_string()],
            "坂" => vec!["サカ".to_string()],
            _ => Vec::new(),
        };
        let kana = KanaNames::new(&["柚木坂市".to_string()], words);
        assert_eq!(kana.respell("ゆのきざか市の目標"), "柚木坂市の目標");
        assert_eq!(super::word_readings("柚木坂", &words), ["ユズキサカ", "ユノキサカ"]);
        // A letter the dictionary cannot read, or reads otherwise, reads as Unihan has it.
        let kana = KanaNames::new(&["柑原市".to_string(), "鹿ノ浦町".to_string()], |w| t.readings(w));
        assert_eq!(kana.respell("かんばら市のオープンデータ"), "柑原市のオープンデータ");
        assert_eq!(kana.respell("かのうら町の目標"), "鹿ノ浦町の目標");
        assert_eq!(super::unihan_readings('雉'), ["キジ", "チ", "ジ"]);
        // A stem the dictionary does not read as a word reads letter by letter.
        let letters = |w: &str| match w {
            "蕨" => vec!["ワラビ".to_string()],
            "川" => vec!["カワ".to_string()],
            _ => Vec::new(),
        };
        let kana = KanaNames::new(&["蕨川市".to_string()], letters);
        assert_eq!(kana.respell("わらびかわしの目標"), "蕨川市の目標");
    }

    #[test]
    fn place_names_spelled_with_another_kana_are_the_catalogs() {
        let places = Places::new(
            ["霧ヶ森市", "木之本町", "桜川台町", "夢ノ浜村", "鐘ヶ淵市", "鐘ケ淵町"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
        assert_eq!(places.respell("霧が森市の人口は？"), "霧ヶ森市の人口は？");
        assert_eq!(places.respell("霧ケ森の目標と木の本町の期間"), "霧ヶ森の目標と木之本町の期間");
        assert_eq!(places.respell("夢の浜村と夢之浜"), "夢ノ浜村と夢ノ浜");
        assert_eq!(places.find(&places.respell("霧ガ森市の目標")).named, ["霧ヶ森市"]);
        // Two places that differ only in that letter keep their own spelling.
        assert_eq!(places.respell("鐘ケ淵町と鐘ヶ淵市"), "鐘ケ淵町と鐘ヶ淵市");
        // Text without such a name is left as written, and a one-letter stem is no name.
        assert_eq!(places.respell("森の中のカフェは？"), "森の中のカフェは？");
        assert_eq!(Places::new(vec!["桜川台町".into()]).respell("桜川台のがけ"), "桜川台のがけ");
    }

    #[test]
    fn places_found_as_a_scan_finds_them() {
        let places = Places::new(names());
        for text in [
            "本庄市の人口の目標は？",
            "本庄12市と北本庄市の計画期間",
            "津の目標は",
            "桜川台の人口と白鷺村",
            "府中の担当課は？",
            "横浜市の計画は？",
            "",
        ] {
            let found = places.find(text);
            let (named, spelled) = scan(&names(), text);
            assert_eq!(found.named, named, "{text}");
            assert_eq!(found.spelled, spelled, "{text}");
        }
        assert!(places.is_known("津市") && !places.is_known("津"));
    }

    #[test]
    fn titles_spelled_whole_name_their_documents_in_order() {
        let doc = |file: &str, m: &str, title: &str| Source {
            file: file.into(),
            municipality: Some(m.into()),
            title: title.into(),
            edition: None,
            period: None,
        };
        let docs = vec![
            doc("a", "本庄市", "本庄市行政改革大綱（令和3年度）"),
            doc("b", "津市", "津市総合計画"),
            doc("c", "白鷺村", "白鷺村行政改革大綱"),
            doc("d", "白鷺村", "白鷺村行政改革大綱実施計画"),
        ];
        let titles = Titles::new(&docs, |t| t.replace(' ', ""));
        let files = |text: &str| titles.spelled_in(text).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(files("行政改革大綱実施計画の期間は"), ["a", "c", "d"]);
        assert_eq!(files("総合計画"), ["b"]);
        assert!(files("計画").is_empty());
        assert_eq!(titles.candidates(&["白鷺村".to_string()]), [2, 3]);
        assert_eq!(titles.candidates(&[]), [0, 1, 2, 3]);
    }
}
