//! What a question asks: its intents and its filters (municipality, plan edition, years).

use once_cell::sync::Lazy;
use regex::Regex;
use serde::Serialize;

use crate::ingest::value::{self, Year};

/// What kind of fact a question wants. A question may want several ("目標件数と担当課").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Target,
    Current,
    Both,
    Department,
    Period,
    Measures,
    Count,
    Satisfaction,
    Compare,
    /// Nothing more specific: answer from whatever matches best.
    Lookup,
}

impl Intent {
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Target => "target",
            Intent::Current => "current",
            Intent::Both => "both",
            Intent::Department => "department",
            Intent::Period => "period",
            Intent::Measures => "measures",
            Intent::Count => "count",
            Intent::Satisfaction => "satisfaction",
            Intent::Compare => "compare",
            Intent::Lookup => "lookup",
        }
    }
}

/// Cue words of each intent, checked against the normalized question.
const TARGET_CUES: &[&str] = &[
    "目標",
    "目指",
    "めざ",
    "中間値",
    "どこまで",
    "目途",
    "見込",
    "減らす",
    "増やす",
    "上げる",
    "下げる",
    "引き上げ",
    "つもり",
    "予定",
    "にする",
    "KPI",
    "kpi",
    "にしたい",
    "増やしたい",
    "減らしたい",
    "下げたい",
    "上げたい",
    "高めたい",
    "伸ばしたい",
    "数値目標",
    // 「最終的に何人？」: where the plan ends up.
    "最終的",
];
/// Target cues that name a figure (not a verb of change that may name the work itself).
const FIGURE_CUES: &[&str] = &["目標", "目指", "めざ", "中間値", "どこまで", "目途", "見込", "KPI", "kpi", "最終的"];
/// Words for the value a plan starts from (現状値): 策定時, 当初, 今, 現在, 直近 all name it.
const CURRENT_CUES: &[&str] = &[
    "現状",
    "基準値",
    "基準年",
    "策定時",
    "現在",
    "今の値",
    "いまの値",
    "実績",
    "直近",
    "当初",
    "現況",
    "スタート時",
    "出発点",
    // 「これまでに何件成約した？」: what has been reached so far.
    "これまで",
    "今まで",
];
const DEPARTMENT_CUES: &[&str] = &[
    "担当",
    "実行課",
    "主管",
    "所管",
    "どこの課",
    "何課",
    "どの課",
    // 「…はどちらの課でしょうか」: polite どちら for which department.
    "どちらの課",
    "どっちの課",
    "部署",
    "課は",
    "課はどこ",
    "関連課",
    "課が",
    "誰",
    // 「…ってどこがやってるの」: who does it.
    "どこがやって",
    "どこがやる",
    "どこがして",
];
/// 「…の窓口はどこ」「相談先は？」: where to ask is who is in charge; the words name no topic.
pub const WHERE_TO_ASK: &[&str] = &["窓口はどこ", "窓口どこ", "窓口ってどこ", "相談先", "問い合わせ先", "問合せ先"];

/// Whether the text asks who is in charge.
fn asks_department(text: &str) -> bool {
    has(text, DEPARTMENT_CUES) || has(text, WHERE_TO_ASK)
}
/// How long something lasts; with a word for a plan, how long the plan runs.
const HOW_LONG_CUES: &[&str] = &["何年間", "何か年", "何カ年", "何ヵ年", "何ヶ年", "何年計画"];
/// Words for a plan document as a whole (計画, 戦略, ビジョン, 大綱, 構想, 方針).
const PLAN_WORDS: &[&str] = &["計画", "戦略", "ビジョン", "大綱", "構想", "方針"];

const PERIOD_CUES: &[&str] = &[
    "期間",
    "いつから",
    "いつまで",
    // 「見直しっていつやるの？」: when something in the plan is done.
    "いつやる",
    "いつ行",
    "いつ実施",
    "何年度から",
    "いつ策定",
    "策定され",
    "策定した",
    "いつ作",
    "何年度まで",
    // 「何年までですか」: the era year of the plan's end, said without 度.
    "何年まで",
    "何年から",
    "いつです",
    // 「終わるのが早いのはどっち？」「終わる年度同じ？」: when a plan ends or begins.
    "いつ終わ",
    "終わるの",
    "終わる年度",
    "いつ始ま",
    "始まるの",
    "始まる年度",
];
const MEASURE_CUES: &[&str] = &[
    "取組",
    "取り組",
    "施策中項目",
    "事業は",
    "主な事業",
    "どんな事業",
    "どのような事業",
    "何をやる",
    "何をしている",
    "何をする",
    "何をして",
    "何をやって",
    "何かやって",
    "何かして",
    // 話し言葉: 「空き家をうまないために何やってるの」「何してるの」
    "何やって",
    "何やる",
    "何する",
    "何してる",
    "何してい",
    "何してくれ",
    "何をしてくれ",
    // 「町はどうやって知らせるの」: how the plan does something is what it does
    "どうやって",
    "どうやる",
    // 「ＩＣＴ支援員ってどうするの？」: what is to be done about it
    "どうする",
    "どうしていく",
    "どのように",
    "どんな方法",
    "どんな支援",
    "どのような支援",
    "どんな施策",
    "どのような施策",
    "どんな計画",
    "どのような計画",
    "どんなこと",
    "内容",
    "具体的",
    "一覧",
    "全部",
    "すべて",
    "全て",
    "挙げて",
    "リスト",
];
/// Words that make a count question a question about a total (全部で, 合計).
const TOTAL_CUES: &[&str] = &["全部で", "全部は", "合計", "総数", "全体で"];
/// Nouns of a rate or a share: 「…率はいくつ？」 asks what it stands at, not how many.
const RATE_WORDS: &[&str] = &["率", "割合", "比率", "指数"];

/// Whether いくつ asks the value of a rate the question names before it (「出生率っていくつ？」).
fn asks_a_rate(text: &str) -> bool {
    ["いくつ", "幾つ"]
        .iter()
        .any(|cue| text.find(cue).is_some_and(|at| RATE_WORDS.iter().any(|w| text[..at].contains(w))))
}

/// Statistics a plan states as a figure of the place (人口, 世帯数): a question that ends by naming
/// one (「…の人口は？」「世帯数って？」) asks for its figure, though it says no いくつ or 今.
const STATISTICS: &[&str] = &["人口", "世帯数", "総面積", "高齢化率"];

fn names_a_statistic(text: &str) -> bool {
    let body = text.trim_end_matches(['?', '？', '。', '!', '！', ' ', '　']);
    let body = ["って", "は", "を教えて", "は何人", "は何人ですか", "はどれくらい", "ですか"]
        .iter()
        .fold(body, |b, ending| b.strip_suffix(ending).unwrap_or(b));
    STATISTICS.iter().any(|s| body.ends_with(s))
}

const COUNT_CUES: &[&str] = &[
    "いくつ",
    "何件",
    "何個",
    "幾つ",
    "計画数",
    "何計画",
    "数は",
    "何本",
    "何プラン",
    "何か所",
    "何箇所",
    "何カ所",
    "何ヶ所",
    "何ヵ所",
];
const SATISFACTION_CUES: &[&str] = &["満足"];
const COMPARE_CUES: &[&str] =
    &["比べ", "比較", "違い", "違う", "どっち", "どちら", "差は", "変わっ", "前期と後期", "後期と前期"];

/// The unit a question asks a number in: 「何」 and a unit right after it (何人, 何ヘクタール,
/// 何か所), the longest unit the reader knows ([`crate::ingest::value::UNITS`] and the
/// vocabulary's ways of writing units).
pub fn quantity_unit(text: &str) -> Option<String> {
    let vocabulary = crate::ingest::roles::active();
    let units: Vec<&str> = crate::ingest::value::UNITS
        .iter()
        .copied()
        .chain(ANY_COUNTER.iter().copied())
        .chain(vocabulary.unit_words())
        .collect();
    let unit_at =
        |rest: &str| units.iter().filter(|u| rest.starts_with(**u)).max_by_key(|u| u.len()).map(|u| u.to_string());
    text.match_indices('何').find_map(|(at, _)| {
        let rest = &text[at + '何'.len_utf8()..];
        // 「何千トン」「何万人」: a power of ten before the unit (unless the unit holds it: 万円).
        let power = crate::ingest::kanji::is_power_of_ten;
        let powered = || unit_at(rest.trim_start_matches(power)).filter(|_| rest.starts_with(power));
        unit_at(rest).or_else(powered).or_else(|| {
            // 「何体分」「何隻」: any one kanji after 何 counts something, except the few that make
            // 何 a word of its own (何故, 何処, 何時) or ask for a moment (何年, 何月). A counter
            // no unit list knows asks for a figure in whatever unit the plan counts in (「""」).
            let next = rest.chars().next().filter(|c| crate::ingest::normalize::is_kanji(*c))?;
            (!NOT_COUNTERS.contains(&next)).then(String::new)
        })
    })
}
/// Kanji after 何 that count nothing: 何故, 何処, 何時, 何年, 何月, 何者, 何事, 何等, 何物, and
/// the offices a department question names (何課, 何係, 何部, 何局, 何室).
const NOT_COUNTERS: &[char] =
    &['故', '処', '時', '年', '月', '者', '事', '等', '物', '色', '曜', '方', '課', '係', '部', '局', '室', '科'];
/// Counters of anything: the plan counts in its own unit.
pub const ANY_COUNTER: &[&str] = &["個"];
const QUANTITY_CUES: &[&str] =
    &["何パーセント", "何割", "どれくらい", "どのくらい", "どれだけ", "どれほど", "いくら", "なんぼ", "何ぼ"];

/// Words that mean "every municipality": the question is not about one place.
pub const EVERY_PLACE_CUES: &[&str] = &[
    "各市",
    "各町",
    "各自治体",
    "それぞれ",
    "全部の市",
    "全ての市",
    "すべての市",
    "全市町",
    "どの市も",
    "各地",
    "市ごと",
    "自治体ごと",
    "市町村ごと",
    "市町村別",
    "自治体別",
    "各市町村",
];
/// Greetings and thanks: no question to look up, but a person to answer politely.
const SMALL_TALK: &[&str] = &[
    "こんにちは",
    "こんばんは",
    "おはよう",
    "はじめまして",
    "初めまして",
    "よろしく",
    "ありがとう",
    "有難う",
    "感謝",
    "助かりました",
    "さようなら",
    "おやすみ",
    "ハロー",
    "hello",
    "hi",
    "thanks",
    "thank you",
    "お疲れ",
    "おつかれ",
    "何ができる",
    "なにができる",
    "使い方",
    "ヘルプ",
    "help",
    "あなたは誰",
    "君は誰",
];
/// Superlatives: the highest or lowest of the records that match.
const HIGHEST_CUES: &[&str] =
    &["一番高", "いちばん高", "最も高", "最高", "一番多", "いちばん多", "最も多", "最多", "一番大き", "最大"];
const LOWEST_CUES: &[&str] =
    &["一番低", "いちばん低", "最も低", "最低", "一番少な", "いちばん少な", "最も少な", "最少", "一番小さ", "最小"];

/// Plan editions and how people name them.
const LATEST_CUES: &[&str] = &["今の計画", "現行", "最新", "現在の計画", "いまの計画"];
const EARLIER_CUES: &[&str] = &["前の計画", "以前の計画", "旧計画", "前回の計画"];

/// A question, analysed.
#[derive(Debug, Clone)]
pub struct Question {
    /// Normalized text, synonyms applied.
    pub text: String,
    pub intents: Vec<Intent>,
    /// Municipalities named in the question that the catalog knows.
    pub municipalities: Vec<String>,
    /// A municipality named in the question that no document is about.
    pub unknown_municipality: Option<String>,
    /// 前期 / 後期, or "latest" / "earlier" resolved by the engine.
    pub edition: Option<EditionWanted>,
    pub years: Vec<Year>,
    /// 施策 numbers named: "6-4", "基本施策5".
    pub section_numbers: Vec<String>,
    /// Files of the documents whose own name the question spells out; set by the engine, sorted,
    /// which knows the catalog.
    pub documents: Vec<String>,
    /// Asks which is higher / larger.
    pub asks_which_higher: bool,
    /// Asks for a quantity: `Some("人")` for 何人, `Some("")` for どれくらい (any figure).
    /// Only text holding such a figure can answer it.
    pub asks_quantity: Option<String>,
    /// 「いつ」: only text stating a date or a period can answer it.
    pub asks_when: bool,
    /// 各市, それぞれ: answer for every municipality that has a match.
    pub every_place: bool,
    /// 一番高い / 一番低い: the extreme of the matching records, computed over them.
    pub superlative: Option<Extreme>,
    /// The compound measure asked for when it is the whole topic (職員数); set by the engine.
    pub measure: Option<String>,
    /// Compounds of two topic words or more, as their parts (行政 改革); set by the engine.
    pub compounds: Vec<Vec<String>>,
    /// In 「AのB」 with two compounds, B's topic words: what is asked about A; set by the engine.
    pub head: Vec<String>,
    /// Rates asked for by the word before 率 (貧困率, 加入率): a rate of something else (進学率)
    /// is not it; set by the engine.
    pub rates: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extreme {
    Highest,
    Lowest,
}

/// Whether the question is only a greeting, thanks or "what can you do" (after the words of
/// small talk are taken out, no more than punctuation and particles are left).
pub fn is_small_talk(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut rest = lower.clone();
    let mut any = false;
    for w in SMALL_TALK {
        if rest.contains(w) {
            any = true;
            rest = rest.replace(w, "");
        }
    }
    // What remains of 「ありがとうございました！」「planbotさん、こんにちは」.
    let filler = [
        "ございます",
        "ございました",
        "ござい",
        "です",
        "ます",
        "ね",
        "よ",
        "!",
        "?",
        "。",
        "、",
        "~",
        "ー",
        "さん",
        "planbot",
        "の",
        "を",
        "教えて",
        "か",
        "て",
        "ください",
        "君",
        "は",
        "何",
    ];
    for f in filler {
        rest = rest.replace(f, "");
    }
    any && rest.chars().all(|c| !c.is_alphanumeric())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionWanted {
    Named(String),
    Latest,
    Earlier,
}

static SECTION_NUMBER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(基本施策|施策|政策)?\s*(\d+)\s*-\s*(\d+)|基本施策\s*(\d+)").unwrap());
static PLACE: Lazy<Regex> = Lazy::new(|| Regex::new(r"(\p{Han}{1,3}?)[市町村]").unwrap());
/// Words ending in 市/町/村 that do not name a municipality.
const NOT_PLACES: &[&str] =
    &["本市", "都市", "各市", "全市", "市町", "同市", "当市", "他市", "中心市", "下町", "門前町"];

/// Invisible formatting characters: bidirectional embeddings, overrides and isolates
/// (U+202A–202E, U+2066–2069), marks (U+200E, U+200F, U+061C), zero-width characters
/// (U+200B–200D, U+2060), the byte-order mark and the soft hyphen. Chat clients insert them
/// around pasted text; left in, they glue onto words and a valid question finds nothing.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Chat markup that is not part of a question: mentions (`<@123>`, `<@!123>`, `<@&123>`,
/// `<#123>`, `@everyone`, `@here`), and links, of which a markdown link keeps its text.
static MENTION: Lazy<Regex> = Lazy::new(|| Regex::new(r"<(?:@[!&]?|#)\d+>|@everyone|@here").unwrap());
static MD_LINK: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\[([^\]]*)\]\(\s*<?[a-zA-Z][a-zA-Z0-9+.-]*:[^)\s]*>?\s*\)").unwrap());
static URL: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?:https?|ftp)://[^\s<>]*").unwrap());

/// A question as a person typed it, before normalization: invisible characters, mentions
/// and links removed (issue 8, defect 8), so `<@123> マイナンバー…` asks about マイナンバー.
pub fn clean(raw: &str) -> String {
    let visible: String = raw.chars().filter(|c| !invisible(*c)).collect();
    let text = MENTION.replace_all(&visible, " ");
    let text = MD_LINK.replace_all(&text, " $1 ");
    URL.replace_all(&text, " ").trim().to_string()
}

/// Analyses a (normalized, synonym-expanded) question against the municipalities known.
pub fn analyse(text: &str, known: &[String]) -> Question {
    let municipalities: Vec<String> = known
        .iter()
        .filter(|m| text.contains(m.as_str()) || stem(m).is_some_and(|s| s.chars().count() >= 2 && text.contains(s)))
        .cloned()
        .collect();
    analyse_found(text, municipalities, |place| known.iter().any(|k| k == place))
}

/// [`analyse`] with the municipalities the question names already found (by the engine's
/// automaton over every name, [`super::names::Places`]) and the catalog as a lookup.
pub fn analyse_found(text: &str, municipalities: Vec<String>, is_known: impl Fn(&str) -> bool) -> Question {
    let intents = intents(text);
    let unknown_municipality = if municipalities.is_empty() { unknown_place(text, &is_known) } else { None };
    let edition = if text.contains("前期") {
        Some(EditionWanted::Named("前期".into()))
    } else if text.contains("後期") {
        Some(EditionWanted::Named("後期".into()))
    } else if LATEST_CUES.iter().any(|c| text.contains(c)) {
        Some(EditionWanted::Latest)
    } else if EARLIER_CUES.iter().any(|c| text.contains(c)) {
        Some(EditionWanted::Earlier)
    } else {
        None
    };
    // "前期と後期" names both: that is a comparison, not a filter.
    let edition = if text.contains("前期") && text.contains("後期") { None } else { edition };
    let section_numbers = SECTION_NUMBER
        .captures_iter(text)
        .map(|c| match (c.get(2), c.get(3), c.get(4)) {
            (Some(a), Some(b), _) => format!("{}-{}", a.as_str(), b.as_str()),
            (_, _, Some(n)) => format!("基本施策{}", n.as_str()),
            _ => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    let asks_quantity = match quantity_unit(text) {
        // 「何個」 counts whatever the plan counts (手続, 件, 事業): a number, in any unit.
        Some(unit) if ANY_COUNTER.contains(&unit.as_str()) => Some(String::new()),
        Some(unit) => Some(unit),
        // 「いくら」 asks for money.
        None if text.contains("いくら") || text.contains("金額") => Some("円".to_string()),
        None => QUANTITY_CUES.iter().any(|c| text.contains(c)).then(String::new),
    };
    let asks_which_higher =
        ["高い", "多い", "大きい", "低い", "少ない", "どっち", "どちら"].iter().any(|c| text.contains(c));
    let superlative = if has(text, HIGHEST_CUES) {
        Some(Extreme::Highest)
    } else if has(text, LOWEST_CUES) {
        Some(Extreme::Lowest)
    } else {
        None
    };
    Question {
        text: text.to_string(),
        intents,
        municipalities,
        unknown_municipality,
        edition,
        years: value::years_in(text),
        section_numbers,
        documents: Vec::new(),
        asks_which_higher,
        asks_quantity,
        // 「いつ」「何年度」: a time is asked (「何年間」 asks how long, a figure).
        asks_when: text.contains("いつ") || text.contains("何年度"),
        every_place: has(text, EVERY_PLACE_CUES),
        superlative,
        measure: None,
        compounds: Vec::new(),
        head: Vec::new(),
        rates: Vec::new(),
    }
}

/// Whether every place the text writes `name` is in the middle of a longer name: after a kanji
/// or a katakana (「西萌黄野駅」 names a station, not 萌黄野市). Such a name stays a topic word.
pub fn only_inside_names(text: &str, name: &str) -> bool {
    let inside = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | 'ァ'..='ヺ' | '々'))
    };
    let mut at = text.match_indices(name).map(|(k, _)| k).peekable();
    at.peek().is_some() && at.all(inside)
}

fn stem(municipality: &str) -> Option<&str> {
    municipality.strip_suffix(['市', '町', '村'])
}

/// A place name in the question that is not in the catalog: "横浜市の…".
/// 市 written into a longer word (「個人市民税」「町内会」「村立」) names no place: only one
/// followed by no kanji, or by 役所 / 役場, does.
fn unknown_place(text: &str, is_known: impl Fn(&str) -> bool) -> Option<String> {
    let ends_name = |end: usize| {
        let after = &text[end..];
        after.starts_with("役") || !after.chars().next().is_some_and(crate::ingest::normalize::is_kanji)
    };
    PLACE
        .find_iter(text)
        .filter(|m| ends_name(m.end()))
        .map(|m| m.as_str().to_string())
        .find(|place| !is_known(place) && !NOT_PLACES.iter().any(|n| place.ends_with(n)))
}

/// A span of years a figure is reached over: 「5年で」「3か年で」「10年間のうちに」.
static OVER_YEARS: Lazy<Regex> = Lazy::new(|| Regex::new(r"\d+(か|カ|ヵ|ヶ)?年(間)?(で|のうち)").unwrap());
/// Endings of a question about what has happened (「増えた？」「減りました？」).
const PAST_ENDINGS: &[&str] = &["った", "えた", "した", "ました", "でした", "だった", "きた"];

/// Whether `word` stands in `text` with no kanji right after it, as a word of its own and not
/// the head of a compound (合計 in 「合計いくつ」, not in 「合計特殊出生率」).
fn said_alone(text: &str, word: &str) -> bool {
    use crate::ingest::normalize::is_kanji;
    text.match_indices(word).any(|(at, w)| !text[at + w.len()..].chars().next().is_some_and(is_kanji))
}

fn has(text: &str, cues: &[&str]) -> bool {
    cues.iter().any(|c| text.contains(c))
}

/// The intents of a question, most specific first. Values ("目標", "現状") and the other facts
/// are independent, so "目標件数と担当課" yields [Target, Department].
pub fn intents(text: &str) -> Vec<Intent> {
    let mut out = Vec::new();
    // 「ＫＰＩは全部でいくつ？」「目標は合計いくつ？」 count the targets; they ask for no target value.
    // (Not 合計 of a compound it begins: 「合計特殊出生率、目標いくつ？」 asks a rate's target.)
    let total = TOTAL_CUES.iter().any(|c| said_alone(text, c)) && has(text, COUNT_CUES);
    // 「何年度までに何件？」 asks by when and how many: a target with its year, not a period.
    let unit = quantity_unit(text);
    let asks_unit = unit.is_some();
    // 「令和11年度までに何km？」 too, but not 「これまでに何件？」 (so far).
    let by_a_year = text.contains("までに") && !text.contains("これまでに") && !text.contains("今までに");
    let by_when = (text.contains("何年度まで") || text.contains("何年まで") || text.contains("いつまで") || by_a_year)
        && (asks_unit || has(text, QUANTITY_CUES) || text.contains("いくつ"));
    // 「何万人まで戻すの」「何キロまで延ばす」: up to how many is where it should get, a target.
    let up_to = unit.is_some_and(|u| text.contains(&format!("何{u}まで")) && !u.starts_with('年'));
    // 「間伐、５年でどれだけやるの？」: how much over a span of years still to come is what the
    // plan sets out to do, a target; 「５年でどれだけ増えた？」 asks what happened.
    let over_years = OVER_YEARS.is_match(text) && (asks_unit || has(text, QUANTITY_CUES)) && !has(text, PAST_ENDINGS);
    // 「処理区、いくつにまとめるん？」「何校に統合するの？」: how many it is to become, a target.
    static INTO: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?:いくつ|何[^\s、。に]{0,3})に(?:まとめ|統合|集約|再編|絞|減ら|増や|広げ)").unwrap()
    });
    let into = INTO.is_match(text) && !has(text, PAST_ENDINGS);
    let target = (has(text, TARGET_CUES) || by_when || up_to || over_years || into) && !total;
    // 「放課後児童クラブを増やすのは何課？」: asked who does it, a verb of change names the work,
    // not a figure; the figure is asked only with a word for it (目標, 何人, どれくらい).
    let figure_asked = has(text, FIGURE_CUES) || has(text, QUANTITY_CUES) || asks_unit || by_when;
    // 「女性管理職を増やす目標ってどこの課が担当？」: the 目標 whose department is asked is the
    // topic, not a figure asked for.
    let figure_asked = figure_asked
        && !(asks_department(text)
            && !has(text, QUANTITY_CUES)
            && !asks_unit
            && !by_when
            && only_a_topic(text, FIGURE_CUES));
    // 「…を増やすために何するの？」: the change is the purpose of the work asked about.
    let target = target && (figure_asked || !asks_department(text) && !has(text, MEASURE_CUES));
    // 「今いくつ」「今は」 ask for the current value; 「今の計画」 names an edition instead.
    let without_editions = LATEST_CUES.iter().fold(text.to_string(), |t, c| t.replace(c, ""));
    let current = has(text, CURRENT_CUES) || without_editions.contains('今') || says_ima(&without_editions);
    // 「合計特殊出生率っていくつ？」: いくつ of a rate asks its value, counts nothing.
    let current = current || (!target && asks_a_rate(text));
    // 「鞆川市の人口は？」: a statistic named alone asks what it is now.
    let current = current || (!target && names_a_statistic(text));
    // 「どちらの課のご担当ですか」「担当課はどちらでしょうか」: どちら asks politely which
    // department, and compares nothing.
    let which = |t: &str| t.replace("どちら", "").replace("どっち", "");
    let compared = if asks_department(text) { which(text) } else { text.to_string() };
    if has(&compared, COMPARE_CUES) || compares_two_things(&compared) {
        out.push(Intent::Compare);
    }
    if asks_department(text) {
        out.push(Intent::Department);
    }
    // 「平成34年度までの計画」: a year with まで or から asks about a period too.
    let dated = !value::years_in(text).is_empty() && (text.contains("まで") || text.contains("から"));
    // 「何年間の計画？」「何か年計画？」: how long a plan runs is its period.
    let how_long = has(text, HOW_LONG_CUES) && has(text, PLAN_WORDS);
    // 「次の見直しはいつ？」: いつ of a moment of the plan (見直し, 中間評価) asks its date.
    let moment = text.contains("いつ") && has(text, super::PLAN_MOMENTS);
    let period = (has(text, PERIOD_CUES) && !by_when) || (dated && !target && !current) || how_long || moment;
    if period && !(text.contains("期間") && (target || current) && !text.contains("計画期間")) {
        out.push(Intent::Period);
    }
    match (target, current) {
        (true, true) => out.push(Intent::Both),
        (true, false) => out.push(Intent::Target),
        (false, true) => out.push(Intent::Current),
        // "〜の成果指標は？" asks for the indicators themselves: show both values.
        _ if text.contains("指標") && out.is_empty() => out.push(Intent::Both),
        _ => {}
    }
    if has(text, SATISFACTION_CUES) {
        out.push(Intent::Satisfaction);
    }
    if has(text, COUNT_CUES) && !target && !current && !out.contains(&Intent::Satisfaction) {
        out.push(Intent::Count);
    }
    if has(text, MEASURE_CUES) && !out.contains(&Intent::Department) && !target && !current && !total {
        out.push(Intent::Measures);
    }
    if out.is_empty() {
        out.push(Intent::Lookup);
    }
    out
}

/// Whether every cue of `cues` the text holds is the topic of a department question: followed,
/// after a particle at most, by a word asking who is in charge (「目標ってどこの課」「目標の担当課」).
fn only_a_topic(text: &str, cues: &[&str]) -> bool {
    const PARTICLES: &[&str] = &["って", "は", "の", "を", "、", " "];
    cues.iter().all(|cue| {
        text.match_indices(cue).all(|(at, w)| {
            let mut rest = text[at + w.len()..].trim_start_matches('値');
            while let Some(p) = PARTICLES.iter().find(|p| rest.starts_with(**p)) {
                rest = &rest[p.len()..];
            }
            DEPARTMENT_CUES.iter().chain(WHERE_TO_ASK).any(|d| rest.starts_with(d)) || rest.starts_with("どこ")
        })
    })
}

/// Whether the text says 今 in kana (「いまなんぱーせんと」), not the います of a verb.
fn says_ima(text: &str) -> bool {
    text.match_indices("いま").any(|(at, w)| {
        let before = text[..at].chars().next_back();
        let after = text[at + w.len()..].chars().next();
        // 「しています」「いません」「いましたか」: the ending of a verb, not 今; followed by a
        // word that is no ending (「認定件数っていま何件」), it is 今 after any letter.
        let hiragana = crate::ingest::normalize::is_hiragana;
        let ending = after.is_none_or(hiragana);
        let after_a_verb = ending && before.is_some_and(|c| hiragana(c) && !"はもの".contains(c));
        !after_a_verb && !after.is_some_and(|c| "すせしさ".contains(c))
    })
}

/// "本庄市と石岡市で", "AとBを": two named things joined by と before a comparison verb.
fn compares_two_things(text: &str) -> bool {
    static TWO: Lazy<Regex> = Lazy::new(|| Regex::new(r"\S+と\S+(で|を)比").unwrap());
    TWO.is_match(text)
}

/// Words that open a chat message without asking anything (「えっと、」「すみません、」).
const FILLERS: &[&str] =
    &["えーっと", "えっと", "えーと", "えと", "あのー", "あの", "すみません", "すいません", "ちょっと聞きたいんですが"];
/// Courtesy that closes a message (「…よろしくお願いします」).
const COURTESY: &[&str] =
    &["よろしくお願いします", "よろしくお願いいたします", "お願いします", "お願いいたします", "よろしく"];
/// Words that connect a second question to the first (「…は？それと、…も教えて」).
const CONNECTIVES: &[&str] = &["それと", "それから", "あと", "また", "ついでに", "あわせて"];
/// How a clause about the asker ends (「市の職員です。」「子どもが小学校に上がるんですが、」).
const ASIDE_ENDS: &[&str] =
    &["です", "ます", "ました", "でした", "ですが", "ますが", "ので", "けど", "けれど", "けれども", "ている", "ており"];
/// Words that make a clause a question (or name what is asked), so it is never taken for an
/// aside about the asker.
const QUESTION_CUES: &[&str] = &[
    "?",
    "何",
    "なに",
    "なん",
    "いつ",
    "どこ",
    "どれ",
    "どの",
    "どう",
    "どんな",
    "いくつ",
    "いくら",
    "教えて",
    "知りたい",
    "ですか",
    "ますか",
    "目標",
    "現状",
    "担当",
    "期間",
    "比べ",
];

fn is_question_clause(s: &str) -> bool {
    has(s, QUESTION_CUES)
}

/// A clause that says something about the asker or is courtesy only: no question cue, and it
/// ends as a statement does.
fn is_aside(s: &str) -> bool {
    let body = s.trim_end_matches(['。', '、', ',', '.', '!', ' ']);
    body.is_empty() || (!is_question_clause(body) && ASIDE_ENDS.iter().any(|e| body.ends_with(e)))
}

/// The fillers at the start and the courtesy at the end of a clause taken off.
fn trim_chat(s: &str) -> String {
    let mut s = s.trim().to_string();
    loop {
        let before = s.len();
        for f in FILLERS {
            if let Some(rest) = s.strip_prefix(f) {
                // Only a filler set off by a comma, a space or a long vowel: あの施設 is no filler.
                let rest = rest.trim_start_matches('ー');
                if let Some(r) = rest.strip_prefix(['、', ',', ' ', '。']) {
                    s = r.trim_start().to_string();
                    break;
                }
            }
        }
        let body = s.trim_end_matches(['。', '、', ',', '!', ' ']).to_string();
        for c in COURTESY {
            if let Some(rest) = body.strip_suffix(c) {
                s = rest.trim_end_matches(['。', '、', ',', ' ']).to_string();
                break;
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// A chat message cut into the questions it asks (issue 7): clauses about the asker
/// (「市の職員です。」「うちの子が…んですが、」), fillers and courtesy are left out, and two
/// questions in one message (「…は？それと、…も教えて」) become two. A fragment after a question
/// (「目標は？交付率の」) belongs to it. The municipalities named in a left-out clause are returned
/// too, so that 「石岡市に住んでいます。…は？」 still asks about 石岡市. A message with nothing
/// left is returned whole.
pub fn chat_parts(text: &str) -> (Vec<String>, Vec<String>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        current.push(c);
        let end = match c {
            '。' | '?' | '!' => true,
            '、' | ',' => {
                let body = current.trim_end_matches(['、', ',']);
                ASIDE_ENDS.iter().any(|e| body.ends_with(e)) && !is_question_clause(body)
            }
            _ => false,
        };
        if end {
            clauses.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        clauses.push(current);
    }
    let mut parts: Vec<String> = Vec::new();
    let mut asides: Vec<String> = Vec::new();
    // Clauses without a cue before the first question: its topic, written first.
    let mut pending = String::new();
    for clause in clauses {
        let clause = trim_chat(&clause);
        if is_aside(&clause) {
            asides.push(clause);
            continue;
        }
        // 「…は？あと施策6-5の成果指標」: a connective opens another question, cue or not.
        let connected = CONNECTIVES.iter().any(|c| clause.starts_with(c));
        match parts.last_mut() {
            // A fragment without a cue after a question is its topic, written after it.
            Some(last) if !is_question_clause(&clause) && !connected => last.push_str(&clause),
            None if !is_question_clause(&clause) => pending.push_str(&clause),
            _ => {
                let mut clause = clause.as_str();
                if !parts.is_empty() {
                    for c in CONNECTIVES {
                        if let Some(rest) = clause.strip_prefix(c) {
                            clause = rest.trim_start_matches(['、', ',', ' ']);
                            break;
                        }
                    }
                }
                parts.push(format!("{}{clause}", std::mem::take(&mut pending)));
            }
        }
    }
    if !pending.is_empty() {
        parts.push(pending);
    }
    // A lone mark is no question.
    parts.retain(|p| !p.trim_matches(['?', '。', ' ']).is_empty());
    if parts.is_empty() {
        return (vec![text.trim().to_string()], Vec::new());
    }
    (parts, asides)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::normalize;

    fn parts(q: &str) -> Vec<String> {
        chat_parts(&normalize::text(q)).0
    }

    #[test]
    fn asides_fillers_and_courtesy_are_left_out() {
        assert_eq!(parts("市の職員です。会議で使うので、刑法犯認知件数の目標は？"), ["刑法犯認知件数の目標は?"]);
        assert_eq!(parts("えっと、交付率の目標は？"), ["交付率の目標は?"]);
        assert_eq!(parts("あのー、交付率の目標は。よろしくお願いします"), ["交付率の目標は。"]);
        assert_eq!(parts("うちの子が来年小学校に上がるんですが、学童の定員は？"), ["学童の定員は?"]);
        // A statement with a question cue is kept: 「…が知りたいのですが、」 asks.
        assert_eq!(parts("交付率の目標が知りたいのですが、"), ["交付率の目標が知りたいのですが、"]);
        // あの as a word is no filler.
        assert_eq!(parts("あの施設の利用者数は？"), ["あの施設の利用者数は?"]);
        // Nothing but an aside: the message is kept whole.
        assert_eq!(parts("市の職員です。"), ["市の職員です。"]);
    }

    #[test]
    fn two_questions_in_one_message_are_two() {
        assert_eq!(parts("交付率の目標は？それと、自治会加入率も教えて"), ["交付率の目標は?", "自治会加入率も教えて"]);
        assert_eq!(parts("交付率の目標は？あと施策6-5の成果指標"), ["交付率の目標は?", "施策6-5の成果指標"]);
        // A fragment after a question is its topic, before it too.
        assert_eq!(parts("目標は？交付率の"), ["目標は?交付率の"]);
        assert_eq!(parts("本庄市の交付率。目標は？"), ["本庄市の交付率。目標は?"]);
    }

    #[test]
    fn a_place_named_in_an_aside_is_returned() {
        let (parts, asides) = chat_parts(&normalize::text("石岡市に住んでいます。職員提案の目標は？"));
        assert_eq!(parts, ["職員提案の目標は?"]);
        assert_eq!(asides, ["石岡市に住んでいます。"]);
    }

    fn known() -> Vec<String> {
        vec!["本庄市".into(), "小諸市".into(), "石岡市".into()]
    }

    fn ask(q: &str) -> Question {
        analyse(&normalize::text(q), &known())
    }

    #[test]
    fn how_much_over_years_to_come_is_a_target() {
        assert_eq!(intents(&normalize::text("間伐、５年でどれだけやるの？")), vec![Intent::Target]);
        assert_eq!(intents(&normalize::text("植栽は３か年で何ha？")), vec![Intent::Target]);
        // What happened over the years is no target.
        assert!(!intents(&normalize::text("５年でどれだけ増えた？")).contains(&Intent::Target));
    }

    #[test]
    fn spoken_measure_questions_and_counts_of_places() {
        assert_eq!(intents("空き家をうまないために何やってるの"), vec![Intent::Measures]);
        assert_eq!(intents("子育て支援って何してるの？"), vec![Intent::Measures]);
        assert_eq!(intents("災害のときのごみの出し方、町はどうやって知らせるの？"), vec![Intent::Measures]);
        assert_eq!(intents("まちなかに住む人を増やすために何するの？"), vec![Intent::Measures]);
        assert_eq!(intents("ＩＣＴ支援員ってどうするの？"), vec![Intent::Measures]);
        assert_eq!(intents("魚のさばき方教室ってどこがやってるの"), vec![Intent::Department]);
        assert_eq!(intents("都市機能誘導区域って何か所ある？"), vec![Intent::Count]);
        assert!(!intents("待機児童数は何人にしている？").contains(&Intent::Measures));
    }

    #[test]
    fn a_verb_of_change_in_a_department_question_names_the_work() {
        assert_eq!(intents("放課後児童クラブを増やすのは何課？"), vec![Intent::Department]);
        assert_eq!(intents("ごみを減らす取組の担当課は？"), vec![Intent::Department]);
        assert!(intents("待機児童数を何人に減らす予定？担当課も").contains(&Intent::Target));
        assert!(intents("図書館の利用者数の目標と担当課").contains(&Intent::Target));
    }

    #[test]
    fn intents_alone_and_combined() {
        assert_eq!(ask("マイナンバーカード交付率の目標は？").intents, [Intent::Target]);
        assert_eq!(ask("どこまで増やすの？").intents, [Intent::Target]);
        assert_eq!(ask("交通事故の現状と目標を教えて").intents, [Intent::Both]);
        assert_eq!(ask("基準値は？").intents, [Intent::Current]);
        assert_eq!(ask("策定時の値は").intents, [Intent::Current]);
        assert_eq!(ask("ふるさと納税の推進を担当する課は？").intents, [Intent::Department]);
        assert_eq!(ask("主管はどこ").intents, [Intent::Department]);
        assert_eq!(ask("防災無線の更新は、どちらの課のご担当でしょうか").intents, [Intent::Department]);
        assert_eq!(ask("子ども教室の担当課はどちらでしょうか").intents, [Intent::Department]);
        assert_eq!(ask("合併浄化槽の補助はどちらの課でしょうか").intents, [Intent::Department]);
        assert_eq!(ask("計画期間は？").intents, [Intent::Period]);
        assert_eq!(ask("観光客、何万人まで戻すの？").intents, [Intent::Target]);
        assert_eq!(ask("計画は何年まで？").intents, [Intent::Period]);
        assert_eq!(ask("いつからいつまで？").intents, [Intent::Period]);
        assert_eq!(ask("どんな取組をしますか").intents, [Intent::Measures]);
        assert_eq!(ask("施策中項目は？").intents, [Intent::Measures]);
        assert_eq!(ask("計画数はいくつ？").intents, [Intent::Count]);
        assert_eq!(ask("処理区、いくつにまとめるん？").intents, [Intent::Target]);
        assert_eq!(ask("小学校は何校に統合するの？").intents, [Intent::Target]);
        assert_eq!(ask("合計特殊出生率っていくつ？").intents, [Intent::Current]);
        // A statistic of the place named alone asks its figure; named as a topic, it does not.
        assert_eq!(ask("鞆川市の人口は？").intents, [Intent::Current]);
        assert_eq!(ask("世帯数って？").intents, [Intent::Current]);
        assert_eq!(ask("人口減少対策は何をしてるの").intents, [Intent::Measures]);
        assert_eq!(ask("合計特殊出生率、目標いくつ？").intents, [Intent::Target]);
        assert_eq!(ask("自治会の加入割合、いくつ？").intents, [Intent::Current]);
        assert_eq!(ask("総合戦略のKPIは全部でいくつ？").intents, [Intent::Count]);
        assert_eq!(ask("企業誘致、何年度までに何件？").intents, [Intent::Target]);
        assert_eq!(ask("危ない橋はいつまでにどのくらい直すの？").intents, [Intent::Target]);
        assert_eq!(ask("前期の終わり（令和11年度）までに何km？").intents, [Intent::Target]);
        assert!(ask("計画の見直しっていつやるの？").intents.contains(&Intent::Period));
        assert!(ask("漁港の機能保全計画、次の見直しはいつ？").intents.contains(&Intent::Period));
        assert!(ask("検診を受けやすくするために町は何してくれるの？").intents.contains(&Intent::Measures));
        assert_eq!(ask("計画はいつまで？").intents, [Intent::Period]);
        assert_eq!(ask("中小企業の振興計画、樟原市のは何年までですか").intents, [Intent::Period]);
        assert_eq!(ask("何年までに何人にするの？").intents, [Intent::Target]);
        assert_eq!(ask("マンション管理の計画は何年間の計画？").intents, [Intent::Period]);
        assert_eq!(ask("総合戦略は何か年計画？").intents, [Intent::Period]);
        // 「何年間」 of something else than a plan asks a figure, not the period.
        assert!(!ask("何年間住んでいる人が多い？").intents.contains(&Intent::Period));
        assert!(ask("AとBの計画、終わるのが早いのはどっち？").intents.contains(&Intent::Period));
        assert_eq!(ask("数値目標は合計いくつある？").intents, [Intent::Count]);
        // What has been reached so far is the current value; an interim target is a target.
        assert_eq!(ask("これまでに何件成約した？").intents, [Intent::Current]);
        assert_eq!(ask("令和8年度の中間値は？").intents, [Intent::Target]);
        assert_eq!(ask("職員数　最終的に何人").intents, [Intent::Target]);
        assert_eq!(ask("まちづくり協議会、令和12年度までにいくつの校区でつくる？").intents, [Intent::Target]);
        assert_eq!(ask("満足している人の割合は").intents, [Intent::Satisfaction]);
        assert_eq!(ask("前期と後期でどう違う？").intents[0], Intent::Compare);
        assert_eq!(ask("燃えるごみの収集日は").intents, [Intent::Lookup]);
        assert_eq!(ask("目標件数と担当課を教えて").intents, [Intent::Department, Intent::Target]);
        // The 目標 whose department is asked is the topic.
        assert_eq!(ask("女性の管理職を増やす目標ってどこの課が担当してる？").intents, [Intent::Department]);
        assert_eq!(ask("見守りの目標の担当課は？").intents, [Intent::Department]);
        assert_eq!(ask("目標は何件で、担当はどこの課？").intents, [Intent::Department, Intent::Target]);
        assert_eq!(ask("整備施設数はいくつを目標にしていましたか").intents, [Intent::Target]);
        assert_eq!(ask("基本施策3の成果指標は？").intents, [Intent::Both]);
        assert_eq!(ask("NPO法人登録数は今いくつ？").intents, [Intent::Current]);
        // 今 typed in kana, but not the います of a verb.
        assert_eq!(ask("高齢化率いまなんぼ？").intents, [Intent::Current]);
        assert!(!ask("何をしていますか").intents.contains(&Intent::Current));
        // After って, いま followed by a word is 今 all the same.
        assert_eq!(ask("六次産業化の認定件数っていま何件？").intents, [Intent::Current]);
        assert!(!ask("何を目指していまして").intents.contains(&Intent::Current));
        assert_eq!(ask("交通事故ってどれくらい減らすの？").intents, [Intent::Target]);
        assert_eq!(ask("連携協定数は令和9年度にいくつにする？").intents, [Intent::Target]);
        assert_eq!(ask("市長は誰？").intents, [Intent::Department]);
        assert_eq!(ask("平成34年度までの計画は？").intents, [Intent::Period]);
        assert_eq!(ask("今の計画の目標は？").intents, [Intent::Target]);
        assert_eq!(ask("人口は何人？").asks_quantity.as_deref(), Some("人"));
        // Counters of structures (基, 隻, 校区) ask in that unit too.
        assert_eq!(ask("津波避難タワーを何基にする目標？").asks_quantity.as_deref(), Some("基"));
        // A power of ten before the unit, unless the unit holds it.
        assert_eq!(ask("家庭のCO2、何千トンにする？").asks_quantity.as_deref(), Some("トン"));
        assert_eq!(ask("維持管理費は何万円？").asks_quantity.as_deref(), Some("万円"));
        assert_eq!(ask("どれくらい？").asks_quantity.as_deref(), Some(""));
        assert_eq!(ask("目標は？").asks_quantity, None);
        assert_eq!(ask("窓口は何個に減らす？").asks_quantity.as_deref(), Some(""));
        // Any unit the reader knows, the longest that follows 何.
        assert_eq!(ask("保全地域はいま何ヘクタール？").asks_quantity.as_deref(), Some("ヘクタール"));
        assert_eq!(ask("空き家は全部で何戸？").asks_quantity.as_deref(), Some("戸"));
        assert_eq!(ask("避難所は何か所？").asks_quantity.as_deref(), Some("か所"));
        assert_eq!(ask("何年度までの計画？").asks_quantity, None);
        // 「います」「いました」 are not 「今」.
        assert_eq!(ask("どんな取組を行いますか？").intents, [Intent::Measures]);
        // Spoken forms: 「何かやってる？」 asks what is done, not for a figure.
        assert_eq!(ask("空き家の活用って何かやってる？").intents, [Intent::Measures]);
        assert_eq!(ask("ひとり親にどんな支援がある？").intents, [Intent::Measures]);
    }

    #[test]
    fn a_name_inside_a_longer_name_is_no_mention_of_the_city() {
        assert!(only_inside_names("西萌黄野駅の駅前広場の再整備", "萌黄野"));
        assert!(!only_inside_names("萌黄野市の駅前広場", "萌黄野市"));
        assert!(!only_inside_names("西萌黄野駅と萌黄野の図書館", "萌黄野"));
        assert!(!only_inside_names("駅前広場", "萌黄野"));
    }

    #[test]
    fn municipality_by_full_name_or_stem() {
        assert_eq!(ask("本庄市の目標").municipalities, ["本庄市"]);
        assert_eq!(ask("本庄の目標").municipalities, ["本庄市"]);
        assert_eq!(ask("本庄市と石岡市で比べると").municipalities, ["本庄市", "石岡市"]);
        assert!(ask("目標は？").municipalities.is_empty());
    }

    #[test]
    fn unknown_municipality_is_noticed() {
        assert_eq!(ask("横浜市のマイナンバーカードの目標").unknown_municipality.as_deref(), Some("横浜市"));
        assert_eq!(ask("本市の都市計画").unknown_municipality, None);
        assert_eq!(ask("市ホームページの目標").unknown_municipality, None);
        // 市 inside a word: 個人市民税 names no 個人市, 町内会 no place.
        assert_eq!(ask("個人市民税の収納率の目標").unknown_municipality, None);
        assert_eq!(ask("大山町内会の数").unknown_municipality, None);
        assert_eq!(ask("横浜市役所の窓口").unknown_municipality.as_deref(), Some("横浜市"));
    }

    #[test]
    fn editions() {
        assert_eq!(ask("前期基本計画の目標").edition, Some(EditionWanted::Named("前期".into())));
        assert_eq!(ask("後期の目標").edition, Some(EditionWanted::Named("後期".into())));
        assert_eq!(ask("今の計画の目標").edition, Some(EditionWanted::Latest));
        assert_eq!(ask("現行計画の目標").edition, Some(EditionWanted::Latest));
        assert_eq!(ask("前の計画の目標").edition, Some(EditionWanted::Earlier));
        assert_eq!(ask("前期と後期で比べて").edition, None);
    }

    #[test]
    fn years_in_every_form() {
        for q in ["令和5年度の目標", "令和５年度の目標", "R5の目標", "Ｒ５の目標", "2023年度の目標"]
        {
            assert_eq!(ask(q).years.first().map(|y| y.fiscal), Some(2023), "{q}");
        }
        assert_eq!(ask("令和元年度").years[0].fiscal, 2019);
        assert_eq!(ask("平成34年度").years[0].fiscal, 2022);
    }

    #[test]
    fn baseline_scope_and_superlative_words() {
        for q in ["計画策定時の値は？", "当初の値は？", "直近の値は？", "現在はいくつ？"] {
            assert_eq!(ask(q).intents, [Intent::Current], "{q}");
        }
        assert!(ask("各市の職員提案の目標は？").every_place);
        assert!(ask("それぞれの市の目標").every_place);
        assert!(ask("観光客数の目標を市町村ごとに比べて").every_place);
        assert!(!ask("本庄市の目標").every_place);
        assert_eq!(ask("満足度が一番低いのは？").superlative, Some(Extreme::Lowest));
        assert_eq!(ask("最も高い満足度は").superlative, Some(Extreme::Highest));
        assert!(ask("ゴミの日っていつ？").asks_when);
    }

    #[test]
    fn small_talk_alone_is_small_talk() {
        for q in [
            "こんにちは",
            "ありがとう！",
            "ありがとうございました。",
            "planbotさん、こんにちは",
            "何ができるの？",
            "Hello",
        ] {
            assert!(is_small_talk(&normalize::text(q)), "{q}");
        }
        for q in ["こんにちは、マイナンバーカードの目標は？", "ありがとう基金の目標", "マイナンバーカードの目標"]
        {
            assert!(!is_small_talk(&normalize::text(q)), "{q}");
        }
    }

    #[test]
    fn regression_invisible_marks_around_a_question() {
        for raw in [
            "\u{202B}マイナンバーカード交付率の目標は？\u{202C}",
            "\u{2067}マイナンバーカード交付率の目標は？\u{2069}",
            "\u{200F}マイナンバー\u{200B}カード交付率の目標は？\u{FEFF}",
            "\u{202E}マイナンバーカード交付率の目標は？\u{200D}",
        ] {
            assert_eq!(clean(raw), "マイナンバーカード交付率の目標は？", "{raw:?}");
        }
    }

    #[test]
    fn regression_leading_mentions_and_links() {
        assert_eq!(clean("<@123> マイナンバーカード交付率の目標は？"), "マイナンバーカード交付率の目標は？");
        assert_eq!(clean("<@!123> <@&456> 目標は？"), "目標は？");
        assert_eq!(clean("@everyone 目標は？"), "目標は？");
        assert_eq!(clean("[x](http://example.com/a?b=1) 目標は？"), "x  目標は？");
        assert_eq!(clean("https://example.com 目標は？"), "目標は？");
        assert_eq!(clean("HP更新件数の目標は？"), "HP更新件数の目標は？");
    }

    #[test]
    fn section_numbers() {
        assert_eq!(ask("施策6-4の目標").section_numbers, ["6-4"]);
        assert_eq!(ask("施策６－４").section_numbers, ["6-4"]);
        assert_eq!(ask("基本施策5の取組").section_numbers, ["基本施策5"]);
    }
}
