//! How well a record matches a question's topic: the share of the question's content words the
//! record holds, word by word, with compounds matching their parts both ways
//! (マイナンバー ⊂ マイナンバーカード by substring; マイナンバーカード ~ マイナンバー by bigrams).

use crate::index::tokenizer::JapaneseTokenizer;
use crate::ingest::normalize::bigrams;
pub use crate::ingest::normalize::name_recall;

/// A content word of the question and how much it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub text: String,
    pub weight: f32,
    /// A scaffolding word standing in for a topic the question does not name ("計画数は？").
    pub scaffolding: bool,
    /// A one-letter suffix or generic noun (者 of 利用者, 子 of 不登校の子) or a unit (トン): the
    /// plan often says it otherwise (利用している人, 児童生徒, t), so a record need not hold it.
    pub loose: bool,
    /// A verb (移る, 減らす): the plan may say it with a kanji compound of its stem (移行, 削減).
    pub verb: bool,
}

impl Term {
    pub fn new(text: String, weight: f32) -> Term {
        Term { text, weight, scaffolding: false, loose: false, verb: false }
    }

    /// How much of this word `text` holds: [`term_match`], or for a verb its stem in a
    /// compound ([`stem_in_compound`]).
    pub fn held_in(&self, text: &str) -> f32 {
        let direct = term_match(&self.text, text);
        if self.verb && direct < 1.0 && conjugated(&self.text, text) {
            1.0
        } else if self.verb && direct < STEM_IN_COMPOUND {
            direct.max(stem_in_compound(&self.text, text))
        } else {
            direct
        }
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
    // Honorifics (「保護司さん」): how people are named, not what.
    "さん",
    "さま",
    // 「払えるとこ」: a place as chat says it (ところ), no topic.
    "とこ",
    "ところ",
    // 「プールをまとめる話って何課？」: the matter asked about, no topic of its own.
    "話",
    "様",
    "ちゃん",
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
    // 「市役所の残業時間」: the city's government is whose plan it is, no topic.
    "役所",
    "市役所",
    "役場",
    "高い",
    "低い",
    "多い",
    "少ない",
    "数",
    "件数",
    "いくら",
    // 「なんぼ」: いくら as the west of Japan says it.
    "なんぼ",
    // 「何パーセント」 asks for a figure in %, it names no topic.
    "パーセント",
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
    "めざす",
    "めざし",
    // 「今とめざす数字」: the figure asked for, not a topic.
    "数字",
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
    // 「目標って上方修正したんだっけ？」: a change of the target, not a topic.
    "上方",
    "下方",
    "修正",
    "見直し",
    "これ",
    "直近",
    "前回",
    // 「最初の大綱」「最新の計画」 pick an edition, not a topic.
    "最初",
    "最新",
    "最後",
    // Words of chat about the message itself (a link's text, 「こちら」).
    "リンク",
    "こちら",
    "url",
    // 「年度ごとの目標」「推移」 ask for the yearly path, not about a topic.
    "ごと",
    "推移",
    "実績",
    "実績値",
    "上げる",
    "下げる",
    "上げ",
    "下げ",
    "初値",
    "当初値",
];

/// One-letter nouns and units a plan says in other words (人 for 者, 児童 for 子, t for トン), and
/// words of the direction of change (「何％削減する目標？」: 削減 is how the figure moves, said
/// after the figure or not at all).
const LOOSE: &[&str] = &[
    "子",
    "人",
    "者",
    "員",
    "量",
    "数",
    "額",
    "医",
    "方",
    "館",
    "家",
    "性",
    // 補助金, 給付金: the plan says 補助します, 給付します.
    "金",
    // 「段差をなくす工事」: the plan says what is done (段差解消, 改修, 整備), not that it is work.
    "工事",
    // 「堆肥づくり」「居場所づくり」: making it; the plan says how (製造, 整備, 開設).
    "づくり",
    "作り",
    "トン",
    "キロ",
    "グラム",
    "パーセント",
    "メートル",
    "削減",
    "増加",
    "減少",
    "向上",
    "低下",
    "改善",
    "拡大",
    "縮小",
    "半減",
    // 「改善済みの戸数」: that it is done; the plan says 改善を終えた, 実施した.
    "済み",
    "済",
];

/// Verbs that say nothing of what a thing is when they qualify it (「市と一緒にやる事業」).
const GENERIC_VERBS: &[&str] = &[
    // 来た観光客 is 訪れた観光客: coming says nothing of who came.
    "来",
    "来る",
    "くる",
    "する",
    "し",
    "さ",
    "やる",
    "やっ",
    "やら",
    "できる",
    "でき",
    "行う",
    "行っ",
    "なる",
    "なっ",
    "ある",
    "あっ",
    "いる",
    "い",
    "思う",
    "思っ",
    "いう",
    "いっ",
    "言う",
    "使う",
    "くる",
    "来る",
    "係る",
    "関する",
    "対する",
    "おける",
    "よる",
];

/// Words that do name a topic but also appear in many records: they count for less.
const COMMON: &[&str] = &["市", "市民", "本市", "率", "割合", "件", "人", "回", "事業", "推進", "向上", "充実"];

/// The topic words of a question, minus the names of municipalities, documents and years.
/// When only question scaffolding is left ("計画数は？" once the plan's name is dropped),
/// that scaffolding is the topic.
pub fn question_terms(tokenizer: &JapaneseTokenizer, text: &str, drop: &[String]) -> Vec<Term> {
    let strict = terms_of(tokenizer, text, drop, true);
    if strict.is_empty() {
        // Question words (何, いくつ, どこ) are what is asked, never what a record says.
        const ASKING: &[&str] = &["何", "いくつ", "どこ", "どれ", "いつ", "誰", "どの", "どちら", "どっち", "いくら"];
        terms_of(tokenizer, text, drop, false)
            .into_iter()
            .filter(|t| !ASKING.contains(&t.text.as_str()))
            .map(|t| Term { scaffolding: true, ..t })
            .collect()
    } else {
        strict
    }
}

/// A name quoted in the question: 「…」 or 『…』.
static QUOTED: once_cell::sync::Lazy<regex::Regex> =
    once_cell::sync::Lazy::new(|| regex::Regex::new(r"「[^「」]{2,60}」|『[^『』]{2,60}』").unwrap());

/// `text` with `word` taken out where it is written with spaces inside (「本庄市　行革実施計画」
/// names the plan 本庄市行革実施計画 as much as 「本庄市行革実施計画」 does): names found in the
/// compacted question are dropped from the question as typed.
fn drop_spaced(text: &str, word: &str) -> String {
    let letters: Vec<(usize, char)> = text.char_indices().filter(|(_, c)| *c != ' ').collect();
    let wanted: Vec<char> = word.chars().filter(|c| *c != ' ').collect();
    if wanted.is_empty() || wanted.len() > letters.len() {
        return text.to_string();
    }
    for start in 0..=letters.len() - wanted.len() {
        if letters[start..start + wanted.len()].iter().map(|(_, c)| *c).eq(wanted.iter().copied()) {
            let (from, _) = letters[start];
            let (last, c) = letters[start + wanted.len() - 1];
            return format!("{} {}", &text[..from], &text[last + c.len_utf8()..]);
        }
    }
    text.to_string()
}

/// `text` with every `name` in it taken out. Before 「の」 the name leaves a pronoun in its place,
/// so that the particle stays a particle: 「楢崎市のどの課」 without the name read from a blank
/// would be のど (throat) + の + 課.
fn drop_name(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(name) {
        out.push_str(&rest[..at]);
        rest = &rest[at + name.len()..];
        out.push_str(if rest.starts_with('の') { "それ" } else { " " });
    }
    out.push_str(rest);
    out
}

/// 「10年後」「5年先」: a time counted from now, when the target falls, no topic of it.
static FROM_NOW: once_cell::sync::Lazy<regex::Regex> =
    once_cell::sync::Lazy::new(|| regex::Regex::new(r"\d{1,2}(?:年|か年|ヵ年|ヶ年)(?:後|先)").unwrap());

fn terms_of(tokenizer: &JapaneseTokenizer, text: &str, drop: &[String], strict: bool) -> Vec<Term> {
    let cleaned = crate::ingest::value::strip_years(text);
    let mut cleaned = FROM_NOW.replace_all(&cleaned, " ").into_owned();
    // Longest first: 各市 dropped before 各市町村 would leave 町村 behind as a topic word.
    let mut drop: Vec<&String> = drop.iter().collect();
    drop.sort_by_key(|d| std::cmp::Reverse(d.chars().count()));
    for d in drop {
        if cleaned.contains(d.as_str()) {
            cleaned = drop_name(&cleaned, d);
        } else if cleaned.contains(' ') {
            cleaned = drop_spaced(&cleaned, d);
        }
    }
    // A name quoted in 「」 is the topic word for word: its 事業 or 見守り is part of the name,
    // not question scaffolding.
    let quoted: Vec<(usize, usize)> = QUOTED.find_iter(&cleaned).map(|m| (m.start(), m.end())).collect();
    let inside = |m: &crate::index::tokenizer::Morpheme| quoted.iter().any(|(a, b)| *a < m.start && m.end < *b);
    let mut terms: Vec<Term> = Vec::new();
    let morphemes = tokenizer.morphemes(&cleaned);
    let mut joined = false;
    // The end of a verb phrase taken as one word, whose morphemes are not read again.
    let mut taken_to = 0;
    for (k, m) in morphemes.iter().enumerate() {
        if std::mem::take(&mut joined) || m.start < taken_to {
            continue;
        }
        if let Some((phrase, end)) = strict.then(|| quoted_phrase(&cleaned, &morphemes, k)).flatten() {
            taken_to = end;
            if !terms.iter().any(|x| x.text == phrase) {
                let weight = (phrase.chars().count() as f32).min(4.0);
                terms.push(Term::new(phrase, weight));
            }
            continue;
        }
        // 「…と思う人」「…と答えた市民」: who was asked, not what.
        if strict && RESPONDENTS.contains(&m.text.as_str()) && after_quoting(&cleaned, &morphemes, k) {
            continue;
        }
        let in_name = inside(m) && (m.is_topic_noun() || m.pos.starts_with("動詞,自立"));
        let qualified = strict.then(|| qualified_noun(&cleaned, &morphemes, k)).flatten();
        let qualifying = qualified.is_some();
        // 「何人育てる目標」「増やす目標」: a verb before a word of the question's shape says how
        // the figure moves more than what it is about; the plan may name it otherwise (養成).
        let of_the_shape = qualified.is_some_and(|n| SCAFFOLDING.contains(&n));
        if let Some(word) = prefixed(&morphemes, k) {
            // 有|収 (of 有収率), 未|利用: the prefix is part of the word.
            joined = true;
            if !terms.iter().any(|x| x.text == word) {
                let weight = (word.chars().count() as f32).min(4.0);
                terms.push(Term::new(word, weight));
            }
            continue;
        }
        // 「土曜も開いてる？」「夜間の窓口」: a noun that can stand as an adverb is a topic when it
        // names a time of the week or day, which no question word is; words of the moment asked
        // (現在, 今後, 毎年) stay scaffolding. It counts for little and a record need not hold it.
        if strict && !in_name && !qualifying && adverbial_topic(m) {
            if !terms.iter().any(|x| x.text == m.text) {
                terms.push(Term { loose: true, ..Term::new(m.text.clone(), 0.4) });
            }
            continue;
        }
        if !in_name && !qualifying && !m.is_topic_noun() {
            continue;
        }
        // 「関係人口」「関連産業」: a word that alone is the question's scaffolding, written right
        // before a noun, makes one name with it (関係人口 is no 人口).
        if let Some(word) = strict.then(|| stop_word_compound(&morphemes, k)).flatten() {
            joined = true;
            if !terms.iter().any(|x| x.text == word) {
                let weight = (word.chars().count() as f32).min(4.0);
                terms.push(Term::new(word, weight));
            }
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
        // 「調達する課の数」: an office the question counts (課の数, 課数) is what the figure counts,
        // not a department asked for. (目標数 stays the shape: a target's number.)
        let counted = ["課", "係", "部署"].contains(&t.as_str())
            && (cleaned[m.end..].starts_with("の数") || cleaned[m.end..].starts_with('数'));
        if (strict && !in_name && !counted && SCAFFOLDING.contains(&t.as_str())) || terms.iter().any(|x| x.text == t) {
            continue;
        }
        if t.chars().all(|c| c.is_ascii_punctuation() || "、。!?「」『』()・".contains(c)) {
            continue;
        }
        let len = t.chars().count() as f32;
        // 「何ヘクタール」「何匹」: the word after 何 is the unit asked for, which the plan keeps in
        // a unit column or writes otherwise (ha, 頭); it says nothing of the topic.
        // (So is the unit after a power of ten: 「何千トン」「何万人」.)
        let asks = |j: usize| {
            ASKING_HOW_MANY.contains(&morphemes[j].text.as_str()) && morphemes[j].end == morphemes[j + 1].start
        };
        let power = |j: usize| {
            let mut letters = morphemes[j].text.chars();
            matches!((letters.next(), letters.next()), (Some(c), None) if crate::ingest::kanji::is_power_of_ten(c))
        };
        let asked_unit =
            k > 0 && asks(k - 1) || k > 1 && power(k - 1) && asks(k - 2) && morphemes[k - 1].end == m.start;
        // A verb written in kana alone (とっ of 「JASとってる」) is a stem of the chat's own
        // wording: the plan writes its idea in kanji (取得), so it says little of the topic.
        let verb = m.pos.starts_with("動詞");
        let kana_verb = verb && hiragana(&t);
        let weight =
            if COMMON.contains(&t.as_str()) || asked_unit || of_the_shape || kana_verb { 0.4 } else { len.min(4.0) };
        // 「大雨のとき排水ポンプ車動かすのは」「災害の際に」: the occasion the question sets, not
        // what it asks about; the plan's item need not name it.
        let occasion = strict && OCCASIONS.iter().any(|w| cleaned[m.end..].starts_with(w));
        let weight = if occasion { 0.4 } else { weight };
        // A lone Latin letter (the x of a link's text) names nothing either.
        let one_letter_suffix = t.chars().count() == 1 && (m.pos.contains("接尾") || t.is_ascii());
        let loose =
            (one_letter_suffix || asked_unit || of_the_shape || kana_verb || occasion || LOOSE.contains(&t.as_str()))
                && !RATE_WORDS.contains(&t.as_str());
        terms.push(Term { loose, verb, ..Term::new(t, weight) });
    }
    terms
}

/// What follows a noun that sets the occasion of a question (「大雨のとき」「災害の際」).
const OCCASIONS: &[&str] = &["のとき", "の時", "の際", "のさい"];

/// Nouns that can stand as adverbs (名詞,副詞可能) and say when something happens in the week or
/// the day rather than which moment of the plan is asked (現在, 今後, 当初, 毎年 are the latter).
const TIMES_OF_WEEK_AND_DAY: &[&str] = &[
    "平日", "休日", "週末", "土曜", "日曜", "祝日", "夜", "夜間", "早朝", "朝", "夕方", "午前", "午後", "深夜", "昼",
    "昼間",
];

/// Whether `m` is an adverbial noun that names a time of the week or day (see
/// [`TIMES_OF_WEEK_AND_DAY`]).
fn adverbial_topic(m: &crate::index::tokenizer::Morpheme) -> bool {
    m.pos.starts_with("名詞,副詞可能") && TIMES_OF_WEEK_AND_DAY.contains(&m.text.as_str())
}

/// Words that ask how many of a unit (何匹, 幾つ): the word right after them is that unit.
const ASKING_HOW_MANY: &[&str] = &["何", "幾"];

/// Whether every letter of `text` is hiragana: the endings and particles between morphemes.
fn hiragana(text: &str) -> bool {
    text.chars().all(crate::ingest::normalize::is_hiragana)
}

/// Verbs that quote what people think or answered (「…と思う人」「…って答えた人」).
const QUOTING: &[&str] = &["思う", "思っ", "思い", "思わ", "感じ", "答え", "考え", "回答"];

/// The verb phrase at morpheme `k` when it is what people are asked whether they think or
/// feel (「自転車で走りやすいと思う人」「住み続けたいって答えた人」), with the byte where it
/// ends: the words of a survey's question, so a topic of the question. 思う itself is not.
fn quoted_phrase(text: &str, morphemes: &[crate::index::tokenizer::Morpheme], k: usize) -> Option<(String, usize)> {
    let m = &morphemes[k];
    if !m.pos.starts_with("動詞,自立") || GENERIC_VERBS.contains(&m.text.as_str()) || QUOTING.contains(&m.text.as_str())
    {
        return None;
    }
    // 走り|やすい, 住み|続け: the verb with the words that go on it.
    let mut end = m.end;
    let mut next = k + 1;
    while let Some(n) = morphemes.get(next).filter(|n| {
        n.start == end && (n.pos.contains("非自立") || n.pos.contains("接尾")) && !n.pos.starts_with("名詞")
    }) {
        end = n.end;
        next += 1;
    }
    let after = morphemes.get(next)?;
    let gap = text.get(end..after.start)?;
    let kana = hiragana(gap);
    let quoting = QUOTING.iter().any(|q| after.text.starts_with(q));
    (kana && gap.chars().count() <= 6 && (gap.ends_with('と') || gap.ends_with("って")) && quoting)
        .then(|| (text[m.start..end].to_string(), end))
}

/// Who a survey asks (「…と思う人」「…と答えた市民」).
const RESPONDENTS: &[&str] = &["人", "市民", "町民", "村民", "住民", "方"];

/// Whether morpheme `k` follows a verb that quotes what people think or answered, with only
/// its endings between (「思って|る|人」「答え|た|市民」).
fn after_quoting(text: &str, morphemes: &[crate::index::tokenizer::Morpheme], k: usize) -> bool {
    let mut j = k;
    while j > 0 {
        j -= 1;
        let m = &morphemes[j];
        let gap = text.get(m.end..morphemes[j + 1].start).unwrap_or("。");
        if gap.chars().count() > 4 || !hiragana(gap) {
            return false;
        }
        if QUOTING.iter().any(|q| m.text.starts_with(q)) {
            return true;
        }
        if !(m.pos.starts_with("動詞,非自立") || m.pos.starts_with("動詞,接尾")) {
            return false;
        }
    }
    false
}

/// Prefixes that turn a word into its opposite: 未利用 is not 利用, nor 非常勤 常勤.
const NEGATING_PREFIXES: &[&str] = &["未", "非", "不", "無", "没"];

/// The word that a prefix at morpheme `k` makes with the noun right after it, when the prefix
/// cannot be left out: before a noun of one kanji (有|収 of 有収率: 収 alone would match 回収率)
/// or when it negates (未|利用). Other prefixes (総|人口) only narrow a word the plan may use
/// alone, and are left out as before.
fn prefixed(morphemes: &[crate::index::tokenizer::Morpheme], k: usize) -> Option<String> {
    let m = &morphemes[k];
    let next = morphemes.get(k + 1)?;
    let kanji = crate::ingest::normalize::is_kanji;
    let one_kanji = next.text.chars().count() == 1 && next.text.chars().all(kanji);
    (m.pos.starts_with("接頭詞")
        && next.start == m.end
        && next.is_topic_noun()
        && m.text.chars().all(kanji)
        && (one_kanji || NEGATING_PREFIXES.contains(&m.text.as_str())))
    .then(|| format!("{}{}", m.text, next.text))
}

/// Words of [`SCAFFOLDING`] that name a thing of their own with the noun after them (関係人口,
/// 関連産業); the others (目標人口, 最終評価, 年度末) only say which figure of the thing is asked.
const JOINING: &[&str] = &["関係", "関連"];

/// Morpheme `k`, a noun that alone is the question's scaffolding (関係, 関連), with the noun
/// written right after it (人口) as one word: 「関係人口」. Not when the next noun is scaffolding
/// too (関係課) or a suffix.
fn stop_word_compound(morphemes: &[crate::index::tokenizer::Morpheme], k: usize) -> Option<String> {
    let (m, next) = (&morphemes[k], morphemes.get(k + 1)?);
    let noun = |x: &crate::index::tokenizer::Morpheme| {
        x.is_topic_noun()
            && x.pos.starts_with("名詞")
            && !x.pos.starts_with("名詞,接尾")
            && !x.pos.starts_with("名詞,数")
            && x.text.chars().all(char::is_alphabetic)
    };
    (JOINING.contains(&m.text.as_str())
        && noun(m)
        && next.start == m.end
        && noun(next)
        && !SCAFFOLDING.contains(&next.text.as_str()))
    .then(|| format!("{}{}", m.text, next.text))
}

/// The noun that morpheme `k`, a verb, qualifies right after it (書か|ない|窓口,
/// 支援に|つながっ|た|割合): it tells that thing from others of its kind (書かない窓口 is not any
/// 窓口), so it is part of the topic. Generic verbs (やる事業) say nothing of the thing.
fn qualified_noun<'m>(text: &str, morphemes: &'m [crate::index::tokenizer::Morpheme], k: usize) -> Option<&'m str> {
    const PARTICLES: &[&str] = &["の", "を", "に", "が", "は", "で", "と", "も", "て", "へ", "や", "から", "まで"];
    let m = &morphemes[k];
    if !m.pos.starts_with("動詞,自立")
        || GENERIC_VERBS.contains(&m.text.as_str())
        || SCAFFOLDING.contains(&m.text.as_str())
    {
        return None;
    }
    // 待た|せ|ない: a verb suffix (せ, られ) belongs to the verb.
    let mut end = m.end;
    let mut k = k + 1;
    while let Some(n) = morphemes.get(k).filter(|n| n.pos.starts_with("動詞,接尾") || n.pos.starts_with("動詞,非自立"))
    {
        if !text.get(end..n.start).is_some_and(hiragana) {
            return None;
        }
        end = n.end;
        k += 1;
    }
    let next = morphemes.get(k)?;
    // Auxiliaries (ない, た) are not morphemes of their own: the letters between are.
    let gap = text.get(end..next.start).unwrap_or("。");
    let auxiliary = gap.chars().count() <= 4 && hiragana(gap) && !PARTICLES.contains(&gap);
    (auxiliary && next.is_topic_noun() && next.text.chars().all(char::is_alphanumeric)).then_some(next.text.as_str())
}

/// Whether `text` (compacted) holds every topic word of the question, the one coverage measure
/// that every path applies before it states a figure (issue 7): a record about 空き家の相談窓口
/// does not answer 書かない窓口, nor 道の駅の売上 ふじみ茶の売上, however much else they share. A word
/// counts as held when the text has it whole, a stand-in for it (`related_of`, the synonyms of
/// each term, in order), most of a long word's bigrams (a compound split or joined otherwise:
/// マイナンバーカード ~ マイナンバー), or its letters in order inside one word (行革 in 行政改革).
/// Scaffolding, common words ([`COMMON`]: 市, 推進…) and loose ones ([`Term::loose`]) are not
/// required.
pub fn covers_topic(terms: &[Term], related_of: &[Vec<(String, f32)>], text: &str) -> bool {
    let (mut held, mut missing) = (0, 0);
    for (k, t) in terms.iter().enumerate() {
        let required =
            !t.scaffolding && !t.loose && (!COMMON.contains(&t.text.as_str()) || RATE_WORDS.contains(&t.text.as_str()));
        if !required {
            continue;
        }
        let found = holds_word(&t.text, text)
            || t.verb && (stem_in_compound(&t.text, text) > 0.0 || conjugated(&t.text, text))
            || related_of.get(k).is_some_and(|rs| rs.iter().any(|(r, _)| !r.is_empty() && holds_word(r, text)));
        if found {
            held += 1;
        } else {
            missing += 1;
        }
    }
    // A long topic said in the question's own words (自主防災組織の活動支援 for
    // 自主防災組織活動推進事業) may lack one of many words and still be the same thing.
    missing == 0 || missing == 1 && held >= 4
}

/// Common words that still tell a rate from a count (空き家率 is not 空き家の数); a rate is
/// also held by a value in %.
const RATE_WORDS: &[&str] = &["率", "割合"];

fn holds_word(word: &str, text: &str) -> bool {
    if RATE_WORDS.contains(&word) {
        return RATE_WORDS.iter().any(|w| text.contains(w)) || text.contains('%');
    }
    text.contains(word) || term_match(word, text) >= 0.5 || abbreviates(word, text)
}

/// Whether a word of two or three kanji abbreviates a word of `text`: its letters in order,
/// the first and the last within six kanji in a row (行革 in 行政改革, 特養 in 特別養護).
fn abbreviates(word: &str, text: &str) -> bool {
    let letters: Vec<char> = word.chars().collect();
    let kanji = crate::ingest::normalize::is_kanji;
    if !(2..=3).contains(&letters.len()) || !letters.iter().all(|c| kanji(*c)) {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).filter(|&i| chars[i] == letters[0]).any(|i| {
        let mut run = chars[i + 1..].iter().take(5).take_while(|c| kanji(**c));
        letters[1..].iter().all(|l| run.any(|c| c == l))
    })
}

/// Text as matching compares it: no white space, Latin lower-cased (text is NFKC already, so
/// ASCII lower-casing is enough and far cheaper than Unicode's).
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect()
}

/// How much of `term` the text holds: 1 when whole, else the share of its bigrams (long words).
pub fn term_match(term: &str, text: &str) -> f32 {
    if text.contains(term)
        || kanji_number(term).is_some_and(|n| holds_number(text, n))
        || round_in_kanji(term).is_some_and(|k| text.contains(&k))
        || with_okurigana(term, text)
        || without_okurigana(term).is_some_and(|t| text.contains(&t))
        || without_last_okurigana(term).is_some_and(|t| text.contains(t))
        || ends_voiced_compound(term, text)
    {
        return 1.0;
    }
    if term.chars().count() < 3 {
        return 0.0;
    }
    let (found, all) = bigrams(term).fold((0, 0), |(f, a), g| (f + text.contains(g) as usize, a + 1));
    0.8 * found as f32 / all.max(1) as f32
}

/// Whether a katakana word of the question ends a longer katakana word of the text with its
/// first letter voiced, as the second part of a compound is (rendaku: シカ in ニホンジカ, サル in
/// ニホンザル, クマ in ツキノワグマ). The unvoiced form is found by `contains` already.
fn ends_voiced_compound(term: &str, text: &str) -> bool {
    let katakana = crate::ingest::normalize::is_katakana;
    let mut letters = term.chars();
    let Some(first) = letters.next() else { return false };
    // Each of these has its voiced letter right after it (カガ, ツヅ, ハバ).
    if !"カキクケコサシスセソタチツテトハヒフヘホ".contains(first)
        || term.chars().count() < 2
        || !term.chars().all(katakana)
    {
        return false;
    }
    let Some(voiced) = char::from_u32(first as u32 + 1) else { return false };
    let tail: String = std::iter::once(voiced).chain(letters).collect();
    text.match_indices(&tail).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + tail.len()..].chars().next();
        before.is_some_and(katakana) && !after.is_some_and(katakana)
    })
}

/// What a verb's stem in a compound of the plan counts for: the same idea said otherwise (移る
/// of 移行, 減らす of 削減 does not count), less than the word itself.
const STEM_IN_COMPOUND: f32 = 0.6;

/// Stems of verbs too common to say what a text is about (来た観光客 = 訪れた観光客; 使う of
/// 使用料, 見る of 見守り).
pub const COMMON_VERB_STEMS: &[char] = &['来', '行', '見', '言', '出', '入', '使', '聞', '知', '分', '思', '考', '持'];

/// Stems that begin compounds of every plan (取組, 付与): no sign of a verb's topic either.
const PLAN_COMPOUND_STEMS: &[char] = &['取', '付'];

/// Whether `text` says a verb of the question (its kanji stem, then kana: 移る, 移っ) with a
/// compound that begins with that stem (移行者数, 移住): [`STEM_IN_COMPOUND`] or 0.
fn stem_in_compound(verb: &str, text: &str) -> f32 {
    let kanji = crate::ingest::normalize::is_kanji;
    let mut letters = verb.chars();
    let (Some(stem), Some(next)) = (letters.next(), letters.next()) else { return 0.0 };
    if !kanji(stem) || kanji(next) || COMMON_VERB_STEMS.contains(&stem) || PLAN_COMPOUND_STEMS.contains(&stem) {
        return 0.0;
    }
    // Read where the stem stands only (no copy of the text: this runs for every candidate).
    let in_compound = text.match_indices(stem).any(|(at, _)| text[at + stem.len_utf8()..].starts_with(kanji));
    if in_compound {
        STEM_IN_COMPOUND
    } else {
        0.0
    }
}

/// Whether `text` says a verb of the question in another form of it: 持っ (of 持ってる) as
/// 持つ or 持ち歩く, 受ける as 受けた, 住ん as 住む. The verb's letters up to its last kana,
/// holding a kanji, followed in the text by any hiragana (a conjugation ending); a verb written
/// in kana alone says too little to be looked for so.
fn conjugated(verb: &str, text: &str) -> bool {
    let Some(last) = verb.chars().last() else { return false };
    if !crate::ingest::normalize::is_hiragana(last) {
        return false;
    }
    let stem = &verb[..verb.len() - last.len_utf8()];
    if !stem.chars().any(crate::ingest::normalize::is_kanji) {
        return false;
    }
    text.match_indices(stem)
        .any(|(at, _)| text[at + stem.len()..].chars().next().is_some_and(crate::ingest::normalize::is_hiragana))
}

/// A word of two kanji that the text writes with okurigana between them (移住 as 移り住んだ,
/// 申込 as 申し込み): the same word.
fn with_okurigana(term: &str, text: &str) -> bool {
    let kanji = crate::ingest::normalize::is_kanji;
    let mut letters = term.chars();
    let (Some(first), Some(second), None) = (letters.next(), letters.next(), letters.next()) else { return false };
    if !kanji(first) || !kanji(second) {
        return false;
    }
    text.match_indices(first).any(|(at, _)| {
        let rest = &text[at + first.len_utf8()..];
        let kana = rest.chars().take(3).take_while(|&c| crate::ingest::normalize::is_hiragana(c)).count();
        (1..=2).contains(&kana) && rest.chars().nth(kana) == Some(second)
    })
}

/// A noun of two kanji or more that the question ends with its okurigana, as plans write it
/// without (作付け → 作付, 受付け → 受付): the kanji alone, or `None`.
fn without_last_okurigana(term: &str) -> Option<&str> {
    let last = term.chars().last().filter(|c| crate::ingest::normalize::is_hiragana(*c))?;
    let stem = &term[..term.len() - last.len_utf8()];
    (stem.chars().count() >= 2 && stem.chars().all(crate::ingest::normalize::is_kanji)).then_some(stem)
}

/// A word the question writes with okurigana between its kanji, as plans write it without
/// (貸し出し → 貸出, 申し込み → 申込, 取り組み → 取組): the kanji alone, or `None` when no kana
/// stands between two kanji.
fn without_okurigana(term: &str) -> Option<String> {
    let kanji = crate::ingest::normalize::is_kanji;
    let hiragana = |c: &char| crate::ingest::normalize::is_hiragana(*c);
    let chars: Vec<char> = term.chars().collect();
    let mut out = String::new();
    let mut inner = false;
    let mut k = 0;
    while k < chars.len() {
        let run = chars[k..].iter().take_while(|c| hiragana(c)).count();
        if run == 0 {
            out.push(chars[k]);
            k += 1;
            continue;
        }
        let after_kanji = k > 0 && kanji(chars[k - 1]);
        let before_kanji = chars.get(k + run).is_some_and(|&c| kanji(c));
        // At the end, only the one kana of a noun made of a verb (貸し出し, 取り組み), or of a
        // compound verb's plain form (湧き出る → 湧出, 申し込む → 申込), not a verb's other
        // endings (引き取った).
        let at_end = k + run == chars.len() && run == 1 && "しみりきちいえけせれるすくうつむぶぐ".contains(chars[k]);
        if !(after_kanji && run <= 2 && (before_kanji || at_end && inner)) {
            return None;
        }
        inner |= before_kanji;
        k += run;
    }
    (inner && out.chars().filter(|&c| kanji(c)).count() >= 2).then_some(out)
}

/// A round number with its counter as plans write it in kanji: 「人口1000人あたり」 is
/// 「人口千人当たり」 (千人, 百件, 1万人 → 万人).
fn round_in_kanji(term: &str) -> Option<String> {
    let digits: String = term.chars().take_while(char::is_ascii_digit).collect();
    let counter = &term[digits.len()..];
    if counter.is_empty() || counter.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == ',') {
        return None;
    }
    let kanji = match digits.as_str() {
        "10" => "十",
        "100" => "百",
        "1000" => "千",
        "10000" => "万",
        _ => return None,
    };
    Some(format!("{kanji}{counter}"))
}

/// The value of a word written in kanji numerals alone (一 → 1, 十二 → 12, 二十 → 20): the
/// question says 一人 where the plan writes 1人.
fn kanji_number(word: &str) -> Option<u32> {
    const DIGITS: &str = "〇一二三四五六七八九";
    let (mut total, mut digit) = (0u32, None::<u32>);
    for c in word.chars() {
        if let Some(d) = DIGITS.chars().position(|x| x == c) {
            if digit.is_some() {
                return None;
            }
            digit = Some(d as u32);
        } else if c == '十' {
            total += 10 * digit.take().unwrap_or(1);
        } else {
            return None;
        }
    }
    let n = total + digit.unwrap_or(0);
    (!word.is_empty() && (digit.is_some() || total > 0)).then_some(n)
}

/// Whether the text holds the number n in digits, as a number of its own (the 1 of 「1人」,
/// not of 「12人」 or 「0.1」).
fn holds_number(text: &str, n: u32) -> bool {
    let digits = n.to_string();
    text.match_indices(&digits).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + digits.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !after.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
    })
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
            let direct = t.held_in(primary);
            if direct == 1.0 {
                t.weight
            } else {
                t.weight * direct.max(0.75 * t.held_in(secondary))
            }
        })
        .sum();
    got / total
}

#[cfg(test)]
mod tests {
    #[test]
    fn okurigana_of_the_question_the_plan_leaves_out() {
        assert_eq!(super::term_match("貸し出し", "町民1人当たりの図書の貸出冊数"), 1.0);
        assert_eq!(super::term_match("申し込み", "申込件数"), 1.0);
        assert_eq!(super::term_match("受け入れ", "医療的ケア児の受入れ"), 1.0);
        assert_eq!(super::without_okurigana("取り組み"), Some("取組".to_string()));
        // No kana between kanji: nothing to leave out; a verb's ending alone is no okurigana.
        assert_eq!(super::without_okurigana("貸出"), None);
        assert_eq!(super::without_okurigana("増やす"), None);
        assert_eq!(super::without_okurigana("引き取った"), None);
        assert_eq!(super::without_okurigana("湧き出る"), Some("湧出".to_string()));
        assert_eq!(super::term_match("申し込む", "講座の申込件数"), 1.0);
        // A noun's last okurigana the plan leaves out: 作付け in 作付拡大.
        assert_eq!(super::term_match("作付け", "稲WCSの作付拡大と耕畜連携"), 1.0);
        assert_eq!(super::without_last_okurigana("増やす"), None);
        assert_eq!(super::without_okurigana("ごみの量"), None);
    }

    #[test]
    fn a_katakana_word_voiced_at_the_end_of_a_compound() {
        assert_eq!(super::term_match("シカ", "ニホンジカによる被害金額"), 1.0);
        assert_eq!(super::term_match("サル", "ニホンザルの群れ"), 1.0);
        assert_eq!(super::term_match("クマ", "ツキノワグマの出没"), 1.0);
        // Only at a compound's end, and only a letter that takes voicing.
        assert!(super::term_match("シカ", "ジカ熱") < 1.0);
        assert!(super::term_match("シカ", "ニホンジカクラブ") < 1.0);
        assert!(super::term_match("カード", "ガードレール") < 1.0);
        assert!(super::term_match("ケア", "ゲア") < 1.0);
    }

    #[test]
    fn a_round_number_is_the_plans_number_in_kanji() {
        assert_eq!(super::term_match("1000人", "人口千人当たり職員数"), 1.0);
        assert_eq!(super::term_match("100件", "年間百件"), 1.0);
        // Not a number that only starts like one, nor a number without its counter.
        assert!(super::term_match("1000人", "人口10,000人当たり") < 1.0);
        assert_eq!(super::round_in_kanji("1000"), None);
        assert_eq!(super::round_in_kanji("1500人"), None);
    }

    #[test]
    fn a_verb_of_the_question_in_another_form_in_the_plan() {
        let verb = |t: &str| super::Term { verb: true, ..super::Term::new(t.to_string(), 1.0) };
        assert_eq!(verb("持っ").held_in("身体障害者手帳を持つ人の数"), 1.0);
        assert_eq!(verb("持っ").held_in("マイバッグを持ち歩いている市民の割合"), 1.0);
        assert_eq!(verb("受ける").held_in("創業支援を受けた人数"), 1.0);
        assert_eq!(verb("住ん").held_in("避難困難地域に住む人の数"), 1.0);
        // The stem in a kanji compound is another word; a kana verb is not looked for so.
        assert!(verb("持っ").held_in("持家率") < 1.0);
        assert!(!super::conjugated("いる", "いない人"));
        assert!(!super::conjugated("受信", "受信料"));
    }

    #[test]
    fn a_verb_of_the_question_in_a_compound_of_the_plan() {
        // 移る人 of the question, 移行者数 of the plan; a common verb's stem says nothing.
        assert_eq!(super::stem_in_compound("移る", "施設入所者の地域生活への移行者数"), super::STEM_IN_COMPOUND);
        assert_eq!(super::stem_in_compound("移る", "住民が移る"), 0.0);
        assert_eq!(super::stem_in_compound("使う", "施設の使用料"), 0.0);
        assert_eq!(super::stem_in_compound("移行", "移行者数"), 0.0);
        // 移住 written with its okurigana is the same word; the kanji apart are not.
        assert_eq!(super::term_match("移住", "町に移り住んだ人"), 1.0);
        assert_eq!(super::term_match("申込", "申し込みの件数"), 1.0);
        assert_eq!(super::term_match("移住", "移動して住んだ人"), 0.0);
    }

    #[test]
    fn a_number_in_kanji_is_the_plans_number_in_digits() {
        assert_eq!(super::kanji_number("一"), Some(1));
        assert_eq!(super::kanji_number("十二"), Some(12));
        assert_eq!(super::kanji_number("二十"), Some(20));
        assert_eq!(super::kanji_number("一般"), None);
        assert_eq!(super::term_match("一", "女性が1人もいない審議会等の割合"), 1.0);
        assert_eq!(super::term_match("一", "女性が12人の審議会"), 0.0);
        assert_eq!(super::term_match("一", "率は0.1%"), 0.0);
    }

    use super::*;

    #[test]
    fn a_name_typed_with_spaces_inside_is_dropped() {
        assert_eq!(drop_spaced("本庄市 行革実施計画の計画数は?", "本庄市行革実施計画"), " の計画数は?");
        assert_eq!(drop_spaced("本庄市 交付率", "石岡市"), "本庄市 交付率");
    }
    use crate::index::dictionary;

    fn terms(q: &str) -> Vec<Term> {
        let t = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
        question_terms(&t, q, &["本庄市".to_string()])
    }

    #[test]
    fn that_a_thing_is_done_and_the_unit_after_a_power_of_ten_are_loose_words() {
        let got = terms("市営住宅の改善済みの戸数は？");
        assert!(got.iter().any(|t| t.text == "済み" && t.loose), "{got:?}");
        assert!(got.iter().any(|t| t.text == "市営" && !t.loose), "{got:?}");
        let got = terms("家庭の排出量、何千トンにするの？");
        assert!(got.iter().any(|t| t.text == "トン" && t.loose && t.weight < 1.0), "{got:?}");
    }

    #[test]
    fn the_occasion_a_question_sets_is_a_loose_word() {
        let got = terms("大雨のとき排水ポンプ車動かすのはどこの課？");
        assert!(got.iter().any(|t| t.text == "大雨" && t.loose), "{got:?}");
        assert!(got.iter().any(|t| t.text == "排水" && !t.loose), "{got:?}");
    }

    #[test]
    fn a_word_of_the_questions_shape_that_is_counted_is_the_topic() {
        let got = terms("調達する課の数の目標は？");
        assert!(got.iter().any(|t| t.text == "課"), "{got:?}");
        assert!(!terms("調達の担当課は？").iter().any(|t| t.text == "課"));
    }

    #[test]
    fn a_name_dropped_before_no_leaves_the_particle_a_particle() {
        let t = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
        let got = question_terms(&t, "電子契約の導入は楢崎市のどの課？", &["楢崎市".to_string()]);
        assert!(got.iter().all(|t| t.text != "のど" && t.text != "それ"), "{got:?}");
        assert!(got.iter().any(|t| t.text == "契約"), "{got:?}");
        assert_eq!(drop_name("楢崎市の課と楢崎市", "楢崎市"), "それの課と ");
    }

    #[test]
    fn a_time_of_the_week_is_a_loose_topic_word_and_a_moment_of_the_plan_none() {
        let got = terms("土曜も窓口開いてる？");
        let saturday = got.iter().find(|t| t.text == "土曜").expect("土曜 is a topic word");
        assert!(saturday.loose && saturday.weight < 1.0, "{saturday:?}");
        assert!(got.iter().any(|t| t.text == "窓口" && !t.loose), "{got:?}");
        assert!(!terms("現在の窓口の数は？").iter().any(|t| t.text == "現在"));
    }

    #[test]
    fn a_verb_in_kana_alone_is_a_loose_word() {
        let got = terms("有機JASとってる農家は何戸？");
        let kana = got.iter().find(|t| t.text == "とっ").expect("the verb is a word");
        assert!(kana.loose && kana.weight < 1.0, "{kana:?}");
        let farm = got.iter().find(|t| t.text == "農家").expect("a noun");
        assert!(!farm.loose && farm.weight >= 2.0);
    }

    #[test]
    fn work_asked_as_work_is_a_loose_word() {
        // 「段差をなくす工事」: the plan names what is done (段差解消), not that it is 工事.
        let got = terms("歩道の段差をなくす工事はどこの課？");
        let work = got.iter().find(|t| t.text == "工事").expect("a word");
        assert!(work.loose, "{work:?}");
        assert!(got.iter().any(|t| t.text == "段差" && !t.loose), "{got:?}");
        let got = terms("汚泥の堆肥づくり、担当は？");
        assert!(got.iter().any(|t| t.text == "づくり" && t.loose), "{got:?}");
    }

    #[test]
    fn scaffolding_and_municipality_are_not_topic() {
        let words: Vec<String> =
            terms("本庄市のマイナンバーカード交付率の目標は？").into_iter().map(|t| t.text).collect();
        assert_eq!(words, ["マイナンバーカード", "交付", "率"]);
    }

    #[test]
    fn dropped_words_go_longest_first() {
        let t = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
        let drop: Vec<String> = crate::answer::question::EVERY_PLACE_CUES.iter().map(|w| w.to_string()).collect();
        let words: Vec<String> =
            question_terms(&t, "観光入込客数の目標、各市町村で比べると？", &drop).into_iter().map(|t| t.text).collect();
        assert!(!words.iter().any(|w| w.contains("町村")), "{words:?}");
        assert!(words.contains(&"観光".to_string()), "{words:?}");
    }

    #[test]
    fn what_people_are_asked_whether_they_think_is_the_topic() {
        let words = |q: &str| -> Vec<String> { terms(q).into_iter().map(|t| t.text).collect() };
        let w = words("自転車で走りやすいと思ってる人どれくらい？");
        assert!(w.contains(&"走りやすい".to_string()) && !w.iter().any(|x| x.starts_with('思')), "{w:?}");
        assert!(words("住み続けたいって思ってる外国人ってどれくらい？").contains(&"住み続け".to_string()));
        assert_eq!(words("保護司さんの研修会の回数は？"), words("保護司の研修会の回数は？"));
        // Who was asked is no topic word: 「…と思ってる人」 asks a share of people.
        assert_eq!(words("道路って安全だと思ってる人どのくらい？"), ["道路", "安全"]);
        assert!(words("障害のある人の就労者数は？").contains(&"人".to_string()));
        // A verb that is not quoted is no topic word: 増やす says what to do with the figure.
        assert!(!words("図書館の貸出冊数を増やす目標は？").iter().any(|x| x.starts_with("増や")));
        assert!(!covers_topic(&terms("自転車で走りやすいと思う人の割合は？"), &[], "放置自転車数86台"));
        assert!(covers_topic(
            &terms("自転車で走りやすいと思う人の割合は？"),
            &[],
            "自転車で走りやすいまちだと思う人31.4%"
        ));
    }

    #[test]
    fn a_question_word_is_no_scaffolding_topic() {
        // Once the document's name is dropped, only scaffolding is left: 年度 and 計画, not 何.
        let t = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
        let words: Vec<String> =
            question_terms(&t, "水道事業経営戦略は何年度までの計画？", &["水道事業経営戦略".into()])
                .into_iter()
                .map(|t| t.text)
                .collect();
        assert!(words.contains(&"計画".to_string()) && !words.contains(&"何".to_string()), "{words:?}");
    }

    #[test]
    fn a_prefix_that_cannot_be_left_out_stays_with_its_noun() {
        let words = |q: &str| -> Vec<String> { terms(q).into_iter().map(|t| t.text).collect() };
        // 収 alone would be held by 回収率.
        let w = words("有収率の目標は？");
        assert!(w.contains(&"有収".to_string()) && !w.contains(&"収".to_string()), "{w:?}");
        assert!(!covers_topic(&terms("有収率の目標は？"), &[], "料金回収率(供給単価/給水原価)92.3%"));
        assert!(covers_topic(&terms("有収率の目標は？"), &[], "b112有収率%84.690.0"));
        // 未利用 is not 利用.
        assert!(words("未利用地の数は？").contains(&"未利用".to_string()));
        // A prefix that narrows a word the plan may use alone is left out.
        assert!(words("総人口の目標は？").contains(&"人口".to_string()));
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
    fn a_qualifying_verb_is_part_of_the_topic() {
        let words: Vec<String> = terms("書かない窓口は何課の担当？").into_iter().map(|t| t.text).collect();
        assert!(words.iter().any(|w| w.starts_with("書か")), "{words:?}");
        let words: Vec<String> =
            terms("市民が企画して市と一緒にやる事業の数の目標は？").into_iter().map(|t| t.text).collect();
        assert!(!words.iter().any(|w| w.starts_with("やる")), "{words:?}");
        // A verb before the question's own words says how the figure moves, not what it is.
        let t = terms("協力店を何店舗増やす目標？");
        assert!(t.iter().filter(|x| x.text.starts_with("増やす")).all(|x| x.loose), "{t:?}");
    }

    #[test]
    fn the_unit_asked_for_is_no_topic_word() {
        let t = terms("ため池の貯水量はいま何トン？");
        let unit = t.iter().find(|x| x.text == "トン").expect("the unit stays a word of the question");
        assert!(unit.loose, "{t:?}");
        let t = terms("学校林の面積は何ヘクタール？");
        let unit = t.iter().find(|x| x.text == "ヘクタール").unwrap();
        let area = t.iter().find(|x| x.text == "面積").unwrap();
        assert!(unit.loose && unit.weight < area.weight, "{t:?}");
        assert!(covers_topic(&t, &vec![Vec::new(); t.len()], &compact("学校林の面積(ha)")));
    }

    #[test]
    fn every_topic_word_must_be_held() {
        let covers = |q: &str, text: &str| covers_topic(&terms(q), &vec![Vec::new(); 8], &compact(text));
        // A record about another kind of 窓口, or another product's 売上, shares words only.
        assert!(!covers("書かない窓口は何課の担当？", "空き家の相談窓口の設置"));
        assert!(covers("書かない窓口は何課の担当？", "書かない窓口の導入"));
        assert!(!covers("さくら梨の売上の目標は？", "道の駅さくらの売上額"));
        assert!(covers("さくら梨の売上の目標は？", "特産品さくら梨の売上額"));
        // A compound split otherwise, an abbreviation, a rate stated as %.
        assert!(covers("マイナンバーカードの交付率の目標は？", "マイナンバーの交付率"));
        assert!(covers("行革の取組は？", "行政改革の推進"));
        assert!(covers("空き家率の目標は？", "空き家の割合"));
        assert!(!covers("空き家率の目標は？", "その他の空き家の数 3,050戸"));
    }

    #[test]
    fn a_stand_in_holds_its_word() {
        let t = terms("学童の待機児童は？");
        let mut related = vec![Vec::new(); t.len()];
        let at = t.iter().position(|x| x.text == "学童").unwrap();
        related[at] = vec![("放課後児童クラブ".to_string(), 1.0)];
        assert!(covers_topic(&t, &related, &compact("放課後児童クラブの待機児童数")));
        assert!(!covers_topic(&t, &vec![Vec::new(); t.len()], &compact("放課後児童クラブの待機児童数")));
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
