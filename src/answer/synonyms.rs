//! Synonyms as data (`data/synonyms.toml`): replacements applied to the question, and related
//! words searched beside it. Staff extend the file; no code changes.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::ingest::normalize;

const BUILT_IN: &str = include_str!("../../data/synonyms.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    #[serde(default)]
    replace: Vec<Replace>,
    #[serde(default)]
    related: Vec<Related>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Replace {
    canonical: String,
    variants: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Related {
    word: String,
    related: Vec<String>,
}

impl Synonyms {
    /// `synonyms.toml` of the data folder, or the built-in list when the folder has none.
    pub fn load(data_dir: &Path) -> Result<Synonyms> {
        let path = data_dir.join("synonyms.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(_) => BUILT_IN.to_string(),
        };
        Synonyms::parse(&text).with_context(|| format!("{} を読めません", path.display()))
    }

    pub fn parse(text: &str) -> Result<Synonyms> {
        let mut s: Synonyms = toml::from_str(text)?;
        // Longest variants first, so "マイナンバーのカード" is replaced before a shorter one.
        for r in &mut s.replace {
            r.canonical = normalize::text(&r.canonical);
            r.variants = r.variants.iter().map(|v| normalize::text(v)).collect();
            r.variants.sort_by_key(|v| std::cmp::Reverse(v.chars().count()));
        }
        for r in &mut s.related {
            r.word = normalize::text(&r.word);
            r.related = r.related.iter().map(|v| normalize::text(v)).collect();
        }
        Ok(s)
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

    /// Related words to search beside the question's own.
    pub fn related(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.related {
            if text.contains(r.word.as_str()) {
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
    let latin = from.chars().all(|c| c.is_ascii_alphanumeric());
    if !latin {
        return text.replace(from, to);
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().last();
        let after = rest[at + from.len()..].chars().next();
        let inside =
            before.is_some_and(|c| c.is_ascii_alphanumeric()) || after.is_some_and(|c| c.is_ascii_alphanumeric());
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
    fn related_words_are_offered() {
        let s = built_in();
        assert_eq!(s.related("マイナンバーカードの普及"), ["交付", "申請", "交付率", "申請率"]);
        assert!(s.related("自治会").is_empty());
    }

    #[test]
    fn staff_files_are_checked() {
        assert!(Synonyms::parse("[[replace]]\ncanonical = \"a\"\n").is_err());
        assert!(Synonyms::parse("[[typo]]\n").is_err());
        let s = Synonyms::parse("[[replace]]\ncanonical = \"庁舎\"\nvariants = [\"市役所の建物\"]\n").unwrap();
        assert_eq!(s.apply("市役所の建物"), "庁舎");
    }
}
