//! How well a record matches a question's topic: the share of the question's content words the
//! record holds, word by word, with compounds matching their parts both ways
//! (マイナンバー ⊂ マイナンバーカード by substring; マイナンバーカード ~ マイナンバー by bigrams).

use crate::index::tokenizer::JapaneseTokenizer;

/// A content word of the question and how much it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub text: String,
    pub weight: f32,
    /// A scaffolding word standing in for a topic the question does not name ("計画数は？").
    pub scaffolding: bool,
}

impl Term {
    pub fn new(text: String, weight: f32) -> Term {
        Term { text, weight, scaffolding: false }
    }
}

/// Words that shape a question but say nothing about its topic.
const SCAFFOLDING: &[&str] = &[
    "目標",
    "目標値",
    "現状",
    "現状値",
    "基準値",
    "基準",
    "当初",
    "値",
    "教え",
    "教える",
    "ください",
    "何",
    "いくつ",
    "どこ",
    "どれ",
    "どれくらい",
    "くらい",
    "ぐらい",
    "する",
    "いる",
    "ある",
    "なる",
    "れる",
    "られる",
    "思う",
    "こと",
    "もの",
    "ため",
    "よう",
    "いつ",
    "から",
    "まで",
    "年度",
    "年",
    "担当",
    "課",
    "実行",
    "主管",
    "所管",
    "満足",
    "満足度",
    "市民満足度",
    "期間",
    "計画期間",
    "比べ",
    "比べる",
    "比較",
    "違い",
    "違う",
    "どう",
    "どんな",
    "どの",
    "どのような",
    "取組",
    "取り組み",
    "取り組む",
    "施策",
    "基本",
    "計画",
    "前期",
    "後期",
    "基本計画",
    "ます",
    "です",
    "どちら",
    "どっち",
    "高い",
    "低い",
    "多い",
    "少ない",
    "数",
    "件数",
    "いくら",
    "設定",
    "さ",
    "し",
    "れ",
    "せ",
    "行う",
    "行い",
    "にし",
    "今",
    "現在",
    "策定",
    "時",
    "的",
    "等",
    "ら",
    "ん",
    "の",
    "を",
    "分野",
    "ある",
    "あり",
    "教",
    "え",
    "て",
    "具体",
    "主",
    "な",
    "事業",
    "中",
    "項目",
    "内容",
    "目指す",
    "目指し",
    "どこまで",
    "増やす",
    "減らす",
    "いう",
    "って",
    "場合",
    "実施",
    "最終",
    "予定",
    "見込み",
    "指標",
    "成果",
    "参考",
    "状況",
    "程度",
    "割",
    "一覧",
    "全部",
    "すべて",
    "方",
    "感じ",
    "kpi",
    "数値",
    "度",
    "関係",
    "関連",
];

/// Words that do name a topic but also appear in many records: they count for less.
const COMMON: &[&str] = &["市", "市民", "本市", "率", "割合", "件", "人", "回", "事業", "推進", "向上", "充実"];

/// The topic words of a question, minus the names of municipalities, documents and years.
/// When only question scaffolding is left ("計画数は？" once the plan's name is dropped),
/// that scaffolding is the topic.
pub fn question_terms(tokenizer: &JapaneseTokenizer, text: &str, drop: &[String]) -> Vec<Term> {
    let strict = terms_of(tokenizer, text, drop, true);
    if strict.is_empty() {
        terms_of(tokenizer, text, drop, false).into_iter().map(|t| Term { scaffolding: true, ..t }).collect()
    } else {
        strict
    }
}

/// A name quoted in the question: 「…」 or 『…』.
static QUOTED: once_cell::sync::Lazy<regex::Regex> =
    once_cell::sync::Lazy::new(|| regex::Regex::new(r"「[^「」]{2,60}」|『[^『』]{2,60}』").unwrap());

fn terms_of(tokenizer: &JapaneseTokenizer, text: &str, drop: &[String], strict: bool) -> Vec<Term> {
    let mut cleaned = crate::ingest::value::strip_years(text);
    for d in drop {
        cleaned = cleaned.replace(d.as_str(), " ");
    }
    // A name quoted in 「」 is the topic word for word: its 事業 or 見守り is part of the name,
    // not question scaffolding.
    let quoted: Vec<(usize, usize)> = QUOTED.find_iter(&cleaned).map(|m| (m.start(), m.end())).collect();
    let inside = |m: &crate::index::tokenizer::Morpheme| quoted.iter().any(|(a, b)| *a < m.start && m.end < *b);
    let mut terms: Vec<Term> = Vec::new();
    let morphemes = tokenizer.morphemes(&cleaned);
    let mut joined = false;
    for (k, m) in morphemes.iter().enumerate() {
        if std::mem::take(&mut joined) {
            continue;
        }
        let in_name = inside(m) && (m.is_topic_noun() || m.pos.starts_with("動詞,自立"));
        if !in_name && !m.is_topic_noun() {
            continue;
        }
        // 「3号認定」: a number with its counter is one word (3号), so that the 3 of 「3~5歳」
        // elsewhere does not match it.
        let counter = morphemes.get(k + 1).filter(|n| {
            n.start == m.end && n.pos.starts_with("名詞,接尾") && m.text.chars().all(|c| c.is_ascii_digit())
        });
        let t = match counter {
            Some(n) => {
                joined = true;
                format!("{}{}", m.text, n.text)
            }
            None => m.text.clone(),
        };
        if (strict && !in_name && SCAFFOLDING.contains(&t.as_str())) || terms.iter().any(|x| x.text == t) {
            continue;
        }
        if t.chars().all(|c| c.is_ascii_punctuation() || "、。!?「」『』()・".contains(c)) {
            continue;
        }
        let len = t.chars().count() as f32;
        let weight = if COMMON.contains(&t.as_str()) { 0.4 } else { len.min(4.0) };
        terms.push(Term::new(t, weight));
    }
    terms
}

/// Text as matching compares it: no white space, Latin lower-cased (text is NFKC already, so
/// ASCII lower-casing is enough and far cheaper than Unicode's).
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect()
}

/// The two-character slices of `text`, borrowed.
fn bigrams(text: &str) -> impl Iterator<Item = &str> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    (0..bounds.len().saturating_sub(2)).map(move |i| &text[bounds[i]..bounds[i + 2]])
}

/// How much of `term` the text holds: 1 when whole, else the share of its bigrams (long words).
fn term_match(term: &str, text: &str) -> f32 {
    if text.contains(term) {
        return 1.0;
    }
    if term.chars().count() < 3 {
        return 0.0;
    }
    let (found, all) = bigrams(term).fold((0, 0), |(f, a), g| (f + text.contains(g) as usize, a + 1));
    0.8 * found as f32 / all.max(1) as f32
}

/// Share of the question's topic (by weight) found in the record: in its `primary` text (name)
/// fully, in its `secondary` text (description, section) at a discount. Both texts are
/// [`compact`]ed by the caller, once per record.
pub fn coverage(terms: &[Term], primary: &str, secondary: &str) -> f32 {
    let total: f32 = terms.iter().map(|t| t.weight).sum();
    if total == 0.0 {
        return 0.0;
    }
    let got: f32 = terms
        .iter()
        .map(|t| {
            let direct = term_match(&t.text, primary);
            if direct == 1.0 {
                t.weight
            } else {
                t.weight * direct.max(0.75 * term_match(&t.text, secondary))
            }
        })
        .sum();
    got / total
}

/// Share of the record's name the question mentions: tells "市ホームページアクセス数" from
/// "議会ホームページアクセス件数" when the question says 市ホームページ. Both compacted.
pub fn name_recall(question: &str, name: &str) -> f32 {
    let (found, all) = bigrams(name).fold((0, 0), |(f, a), g| (f + question.contains(g) as usize, a + 1));
    if all == 0 {
        0.0
    } else {
        found as f32 / all as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::dictionary;

    fn terms(q: &str) -> Vec<Term> {
        let t = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
        question_terms(&t, q, &["本庄市".to_string()])
    }

    #[test]
    fn scaffolding_and_municipality_are_not_topic() {
        let words: Vec<String> =
            terms("本庄市のマイナンバーカード交付率の目標は？").into_iter().map(|t| t.text).collect();
        assert_eq!(words, ["マイナンバーカード", "交付", "率"]);
    }

    #[test]
    fn a_number_and_its_counter_are_one_word() {
        let words: Vec<String> = terms("2号被保険者の人数は？").into_iter().map(|t| t.text).collect();
        assert!(words.contains(&"2号".to_string()), "{words:?}");
        assert!(!words.contains(&"2".to_string()), "{words:?}");
    }

    #[test]
    fn baseline_words_are_scaffolding() {
        let words: Vec<String> = terms("本庄市の空き家の数、基準と目標は？").into_iter().map(|t| t.text).collect();
        assert!(!words.contains(&"基準".to_string()), "{words:?}");
    }

    #[test]
    fn a_quoted_name_keeps_every_word() {
        let words: Vec<String> =
            terms("本庄市の「空き家見守り事業の拡充」の担当課は？").into_iter().map(|t| t.text).collect();
        assert!(words.contains(&"事業".to_string()), "{words:?}");
        assert!(words.iter().any(|w| w.starts_with("見守")), "{words:?}");
        let plain: Vec<String> = terms("本庄市の空き家の事業の担当課は？").into_iter().map(|t| t.text).collect();
        assert!(!plain.contains(&"事業".to_string()), "{plain:?}");
    }

    #[test]
    fn bigrams_are_borrowed_slices() {
        assert_eq!(bigrams("ab市").collect::<Vec<_>>(), ["ab", "b市"]);
        assert_eq!(bigrams("a").count(), 0);
    }

    #[test]
    fn compounds_match_their_parts_both_ways() {
        let t = vec![Term::new("マイナンバー".into(), 4.0)];
        assert_eq!(coverage(&t, "マイナンバーカードの交付率", ""), 1.0);
        let t = vec![Term::new("マイナンバーカード".into(), 4.0)];
        assert!(coverage(&t, "マイナンバーの利用", "") >= 0.5);
        let t = vec![Term::new("経常収支".into(), 4.0)];
        assert_eq!(coverage(&t, "経常収支比率", ""), 1.0);
    }

    #[test]
    fn unrelated_records_cover_little() {
        let t = terms("経常収支比率の目標値は？");
        assert!(coverage(&t, "実質公債費比率", "") < 0.4);
        assert!(coverage(&t, "経常収支比率", "") > 0.9);
    }

    #[test]
    fn name_recall_prefers_the_named_thing() {
        let q = compact("市ホームページのアクセス数");
        assert!(
            name_recall(&q, &compact("市ホームページアクセス数"))
                > name_recall(&q, &compact("議会ホームページアクセス件数"))
        );
    }
}
