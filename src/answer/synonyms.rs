//! Synonyms as data: `data/synonyms.toml` (municipal wording: replacements applied to the
//! question, related words searched beside it; staff extend the file, no code changes) and
//! the Sudachi synonym dictionary ([`super::sudachi`]) for the language at large.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::Spanned;

use super::sudachi::{self, Relation};
use crate::ingest::normalize;

const BUILT_IN: &str = include_str!("../../data/synonyms.toml");

#[derive(Debug, Default)]
pub struct Synonyms {
    replace: Vec<Replace>,
    related: Vec<Related>,
    apart: Vec<Apart>,
    /// Entries left out at load, each naming its line ("synonyms.toml:12: 空の語…").
    warnings: Vec<String>,
    /// The Sudachi dictionary, when loaded (not in [`Synonyms::parse`], which tests use for
    /// the staff file alone).
    dictionary: Option<sudachi::Dictionary>,
}

/// How much a word found through a synonym counts, against the word itself.
pub const SAME_WORD: f32 = 1.0;
/// Another word of a Sudachi group (高齢者 for 年寄り) is a synonym, not the same word.
pub const NEAR_WORD: f32 = 0.8;
/// At most this many Sudachi words per question word: a large group (従業者, 労働者, 勤務者…)
/// would flood the query and slow every ask.
const MAX_EXPANSIONS: usize = 6;

#[derive(Debug)]
struct Replace {
    canonical: String,
    variants: Vec<String>,
}

#[derive(Debug)]
struct Related {
    word: String,
    /// `word` with its Latin letters lower-cased, as [`Synonyms::related`] compares it.
    folded: String,
    related: Vec<String>,
}

/// Two wordings of a scope that name different things: the whole city (市全体, 市域) and the
/// city office itself (事務事業, 市役所); 量の見込み (expected demand) and 確保方策 (places
/// provided). A record of one scope does not answer a question about the other.
#[derive(Debug)]
struct Apart {
    one: Vec<String>,
    other: Vec<String>,
}

/// The file as written, with the position of every word so a bad one can be named by line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    replace: Vec<RawReplace>,
    #[serde(default)]
    related: Vec<RawRelated>,
    #[serde(default)]
    apart: Vec<RawApart>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApart {
    one: Vec<Spanned<String>>,
    other: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReplace {
    canonical: Spanned<String>,
    variants: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelated {
    word: Spanned<String>,
    related: Vec<Spanned<String>>,
}

impl Synonyms {
    /// `synonyms.toml` of the data folder (or the built-in list when the folder has none), and
    /// the Sudachi dictionary from the cache beside IPAdic's. `PLANBOT_NO_SUDACHI=1` leaves the
    /// dictionary out (to measure what it adds); a dictionary that cannot be loaded is a
    /// warning, not a failure: answers only lose its expansions.
    pub fn load(data_dir: &Path) -> Result<Synonyms> {
        let mut synonyms = Synonyms::load_file(data_dir)?;
        if std::env::var_os("PLANBOT_NO_SUDACHI").is_none_or(|v| v.is_empty() || v == "0") {
            let started = std::time::Instant::now();
            match sudachi::Dictionary::load(&crate::index::dictionary::cache_root()) {
                Ok(d) => synonyms.dictionary = Some(d),
                Err(e) => eprintln!("planbot: 警告: Sudachi 同義語辞書を使えません: {e:#}"),
            }
            if std::env::var_os("PLANBOT_DEBUG").is_some() {
                eprintln!("sudachi loaded in {:?}", started.elapsed());
            }
        }
        Ok(synonyms)
    }

    /// The staff file alone.
    pub fn load_file(data_dir: &Path) -> Result<Synonyms> {
        let path = data_dir.join("synonyms.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(_) => BUILT_IN.to_string(),
        };
        let synonyms = Synonyms::parse(&text).with_context(|| format!("{} を読めません", path.display()))?;
        for w in &synonyms.warnings {
            eprintln!("planbot: 警告: {w}");
        }
        Ok(synonyms)
    }

    /// Parses a synonym file. Blank words are left out with a warning naming their line: a
    /// blank variant is found everywhere, and replacing it never ends (issue 8, defect 3).
    pub fn parse(text: &str) -> Result<Synonyms> {
        let file: File = toml::from_str(text)?;
        let mut warnings = Vec::new();
        let mut word = |w: &Spanned<String>| {
            let normalized = normalize::text(w.get_ref());
            if normalized.is_empty() {
                let line = text[..w.span().start.min(text.len())].matches('\n').count() + 1;
                warnings.push(format!("synonyms.toml:{line}: 空の語 {:?} は使いません", w.get_ref()));
                None
            } else {
                Some(normalized)
            }
        };
        let mut s = Synonyms::default();
        for r in &file.replace {
            let canonical = word(&r.canonical);
            let mut variants: Vec<String> = r.variants.iter().filter_map(&mut word).collect();
            // Longest variants first, so "マイナンバーのカード" is replaced before a shorter one.
            variants.sort_by_key(|v| std::cmp::Reverse(v.chars().count()));
            if let Some(canonical) = canonical {
                s.replace.push(Replace { canonical, variants });
            }
        }
        for r in &file.related {
            let w = word(&r.word);
            let related = r.related.iter().filter_map(&mut word).collect();
            if let Some(w) = w {
                s.related.push(Related { folded: w.to_ascii_lowercase(), word: w, related });
            }
        }
        for a in &file.apart {
            let one: Vec<String> = a.one.iter().filter_map(&mut word).collect();
            let other: Vec<String> = a.other.iter().filter_map(&mut word).collect();
            if !one.is_empty() && !other.is_empty() {
                s.apart.push(Apart { one, other });
            }
        }
        s.warnings = warnings;
        Ok(s)
    }

    /// What was left out at load, one line each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The question with every variant replaced by its canonical word. A variant already part
    /// of its canonical word ("ネット" in "インターネット") is left alone.
    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for r in &self.replace {
            for v in &r.variants {
                if out.contains(v.as_str()) && !out.contains(r.canonical.as_str()) {
                    out = replace_word(&out, v, &r.canonical);
                }
            }
        }
        out
    }

    /// Words that may stand for `word` in a plan, with how much a match through each counts:
    /// the staff file's related words and Sudachi's same-lexeme forms fully, Sudachi's other
    /// lexemes at [`NEAR_WORD`]. `word` is normalized text.
    pub fn expansions(&self, word: &str) -> Vec<(String, f32)> {
        let mut out: Vec<(String, f32)> = self.related(word).into_iter().map(|w| (w, SAME_WORD)).collect();
        // The question says the canonical form; the plan may still say a variant (公衆無線LAN
        // for Wi-Fi): each variant stands in for a word of the canonical form.
        let lower = word.to_lowercase();
        if lower.chars().count() >= 2 {
            for r in self.replace.iter().filter(|r| r.canonical.to_lowercase().contains(&lower)) {
                for v in &r.variants {
                    if !out.iter().any(|(x, _)| x == v) {
                        out.push((v.clone(), SAME_WORD));
                    }
                }
            }
        }
        if let Some(d) = &self.dictionary {
            let mut found = d.expand(word);
            // Same-lexeme forms first: they are kept when the group is cut.
            found.sort_by_key(|(_, r)| *r == Relation::Near);
            for (w, relation) in found.into_iter().take(MAX_EXPANSIONS) {
                if !out.iter().any(|(x, _)| x == w) {
                    let weight = if relation == Relation::Same { SAME_WORD } else { NEAR_WORD };
                    out.push((w.to_string(), weight));
                }
            }
        }
        out
    }

    /// Whether a record's text is of another scope than the question asks about: the question
    /// says a word of one side of an `[[apart]]` entry, and the record says the other side and
    /// nothing of the question's (「市全体の排出量」 is not 「市の事務事業に伴う排出量」). Both
    /// texts are normalized.
    pub fn scope_apart(&self, question: &str, record: &str) -> bool {
        let says = |text: &str, words: &[String]| words.iter().any(|w| text.contains(w.as_str()));
        self.apart.iter().any(|a| {
            let one_way = |asked: &[String], other: &[String]| {
                says(question, asked) && !says(question, other) && says(record, other) && !says(record, asked)
            };
            one_way(&a.one, &a.other) || one_way(&a.other, &a.one)
        })
    }

    /// Whether the Sudachi dictionary is loaded.
    pub fn has_dictionary(&self) -> bool {
        self.dictionary.is_some()
    }

    /// Same-lexeme forms of `word` in the Sudachi dictionary (行革 → 行政改革).
    pub fn same_word(&self, word: &str) -> Vec<String> {
        let Some(d) = &self.dictionary else { return Vec::new() };
        d.expand(word).into_iter().filter(|(_, r)| *r == Relation::Same).map(|(w, _)| w.to_string()).collect()
    }

    /// Related words of the staff file's entries whose word the question holds and `part` is a
    /// piece of: the analyser may cut a word the dictionary lacks (協働 → 協|働), and the entry's
    /// related words then stand in for each piece.
    pub fn related_of_part(&self, part: &str, text: &str) -> Vec<String> {
        self.related
            .iter()
            .filter(|r| r.word != part && r.word.contains(part) && text.contains(r.word.as_str()))
            .flat_map(|r| r.related.iter().cloned())
            .collect()
    }

    /// Related words to search beside the question's own.
    pub fn related(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        // Question terms are matched with Latin letters lower-cased (DV is typed dv as often).
        let text = &text.to_ascii_lowercase();
        for r in &self.related {
            let word = &r.folded;
            // A one-letter word is a word only alone: 親 in 親子 or 親しみ is not 親.
            let one_letter = word.chars().count() == 1;
            if (one_letter && text == word) || (!one_letter && text.contains(word.as_str())) {
                for w in &r.related {
                    if !text.contains(w.as_str()) && !out.contains(w) {
                        out.push(w.clone());
                    }
                }
            }
        }
        out
    }
}

/// Replaces `from` with `to`, but not inside a longer Latin word ("HP" in "HPV").
fn replace_word(text: &str, from: &str, to: &str) -> String {
    // A word in Latin letters or in katakana ends where its script does: ネット is not the start
    // of ネットワーク, nor LAN of LANDSCAPE. Kanji and kana words have no such edge.
    let latin = |c: char| c.is_ascii_alphanumeric();
    let katakana = crate::ingest::normalize::is_katakana;
    let script: &dyn Fn(char) -> bool = if from.chars().all(latin) {
        &latin
    } else if from.chars().all(katakana) {
        &katakana
    } else {
        return text.replace(from, to);
    };
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().last();
        let after = rest[at + from.len()..].chars().next();
        let inside = before.is_some_and(script) || after.is_some_and(script);
        out.push_str(&rest[..at]);
        out.push_str(if inside { from } else { to });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Synonyms {
        Synonyms::parse(BUILT_IN).unwrap()
    }

    #[test]
    fn the_whole_city_and_the_city_office_are_apart() {
        let s = built_in();
        let office = "市の事務事業に伴う温室効果ガス排出量";
        assert!(s.scope_apart("市全体の温室効果ガスの目標は?", office));
        assert!(!s.scope_apart("市役所の温室効果ガスの目標は?", office));
        assert!(!s.scope_apart("温室効果ガスの目標は?", office));
        // A record that names both scopes is not apart.
        assert!(!s.scope_apart("市全体の排出量は?", "市全体の排出量のうち事務事業の排出量"));
        assert!(s.scope_apart("保育の確保方策は何人?", "教育・保育の量の見込み"));
    }

    #[test]
    fn variants_become_the_canonical_word() {
        let s = built_in();
        assert_eq!(s.apply("マイナカードの交付率"), "マイナンバーカードの交付率");
        assert_eq!(s.apply("個人番号カード"), "マイナンバーカード");
        assert_eq!(s.apply("市のHPの更新件数"), "市のホームページの更新件数");
        assert_eq!(s.apply("お年寄りの事故"), "高齢者の事故");
        assert_eq!(s.apply("市民の声を聴く場"), "市民の意見を聴く場");
        assert_eq!(s.apply("インターネットの利用"), "インターネットの利用");
    }

    #[test]
    fn latin_variants_match_whole_words_only() {
        assert_eq!(replace_word("HPVとHP", "HP", "ホームページ"), "HPVとホームページ");
    }

    #[test]
    fn a_latin_word_is_related_in_either_case() {
        let s = Synonyms::parse("[[related]]\nword = \"DV\"\nrelated = [\"配偶者暴力\"]\n").unwrap();
        assert_eq!(s.related("dv"), ["配偶者暴力"]);
        assert_eq!(s.related("DVの計画"), ["配偶者暴力"]);
    }

    #[test]
    fn katakana_variants_match_whole_words_only() {
        let s = built_in();
        assert_eq!(s.apply("見守りネットワークの会議"), "見守りネットワークの会議");
        assert_eq!(s.apply("ネットで申請できる手続"), "インターネットで申請できる手続");
        assert_eq!(replace_word("タダシさんはタダで", "タダ", "無償"), "タダシさんは無償で");
    }

    #[test]
    fn a_word_cut_in_pieces_keeps_its_related_words() {
        let s = built_in();
        assert_eq!(s.related_of_part("協", "大学との協働の満足度"), ["連携"]);
        assert!(s.related_of_part("協", "協力の満足度").is_empty());
    }

    #[test]
    fn a_variant_stands_in_for_its_canonical_form() {
        let s = built_in();
        assert!(s.expansions("wi").iter().any(|(w, _)| w == "無線LAN"));
    }

    #[test]
    fn related_words_are_offered() {
        let s = built_in();
        assert_eq!(s.related("マイナンバーカードの普及"), ["交付", "申請", "交付率", "申請率"]);
        assert!(s.related("自治会").is_empty());
    }

    /// Issue 8, defect 3: `variants = [""]` made every ask loop until memory ran out.
    #[test]
    fn regression_a_blank_variant_is_left_out_with_its_line() {
        let text = "[[replace]]\ncanonical = \"庁舎\"\nvariants = [\"\", \"市役所の建物\", \"　\"]\n\n[[related]]\nword = \"\"\nrelated = [\"交付\"]\n";
        let s = Synonyms::parse(text).unwrap();
        assert_eq!(s.warnings().len(), 3, "{:?}", s.warnings());
        assert!(s.warnings()[0].starts_with("synonyms.toml:3:"), "{:?}", s.warnings());
        assert!(s.warnings()[2].starts_with("synonyms.toml:6:"), "{:?}", s.warnings());
        assert_eq!(s.apply("HPと市役所の建物"), "HPと庁舎");
        assert!(s.related("何でも").is_empty());
    }

    #[test]
    fn staff_files_are_checked() {
        assert!(Synonyms::parse("[[replace]]\ncanonical = \"a\"\n").is_err());
        assert!(Synonyms::parse("[[typo]]\n").is_err());
        let s = Synonyms::parse("[[replace]]\ncanonical = \"庁舎\"\nvariants = [\"市役所の建物\"]\n").unwrap();
        assert_eq!(s.apply("市役所の建物"), "庁舎");
    }
}
