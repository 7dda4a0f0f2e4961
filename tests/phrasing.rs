//! Metamorphic test of questions (issue 7): every question planbot answers right today in the
//! looked-at sets is rewritten by independent features of how citizens and staff write in chat
//! (endings and politeness, fillers, word order, the municipality written otherwise, synonyms
//! and abbreviations, spelling variants, full-width/half-width, IME homophone typos, two
//! questions in one, words about the asker). Each rewrite keeps one clear right answer, so the
//! answer must cite the same line with the same figure, or honestly say "not found"; a found
//! answer without the figure is a wrong answer, the worst outcome.
//!
//! `cargo test --test phrasing -- --nocapture` prints the matrix. By default a seeded sample is
//! asked (a third of the features per question); `PLANBOT_METAMORPH_CASES=n` asks every feature
//! of every question with n rewrites each, `PLANBOT_METAMORPH_SHOW=feature` prints the failures
//! of one feature (`1` for all).

#[allow(dead_code)] // the helpers serve several test binaries
mod util;

use std::collections::{BTreeMap, HashSet};

use planbot::answer::{sudachi, Answer, Engine};
use util::looked_at::{cites_same, holds, root, Case, Outcome, Set, Tally};
use util::rng::Rng;

/// The zoo's looked-at sets whose questions are rewritten (never layouts-heldout5, on which the
/// floors below were not set).
const ZOO: &[&str] = &["layouts", "layouts-heldout", "layouts-heldout2", "layouts-heldout3", "layouts-heldout4"];

// ---------------------------------------------------------------- the rewrites

/// What is left of a question when its plain ending (は？, を教えて, ですか) is taken off, when
/// what is left ends in a noun; None for questions ending in a verb or an intent word.
fn core(question: &str) -> Option<String> {
    let mut q = question.trim().trim_end_matches(['？', '?', '。', '!', '！', ' ', '　']).to_string();
    for ending in
        ["を教えてください", "を教えて", "について教えて", "は何ですか", "はなんですか", "は何", "ですか", "は"]
    {
        if let Some(rest) = q.strip_suffix(ending) {
            q = rest.to_string();
            break;
        }
    }
    let last = q.chars().last()?;
    let noun_end = is_kanji(last) || is_katakana(last) || last.is_ascii_alphanumeric() || "）)%％".contains(last);
    (noun_end && q.chars().count() >= 3).then_some(q)
}

fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '々'
}

fn is_katakana(c: char) -> bool {
    ('\u{30A0}'..='\u{30FF}').contains(&c)
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// Endings people write in chat, by the kind of fact asked.
fn endings(kind: &str) -> Vec<&'static str> {
    let mut e = vec!["は？", "を教えて", "が知りたいです", "はわかりますか？", "について教えてください", "は？？"];
    match kind {
        "target" | "current" | "both" | "satisfaction" | "count" | "compare" => {
            e.extend(["ってどれくらい？", "って何？", "はどのくらいですか"])
        }
        "department" => e.extend(["ってどこ？", "はどこですか"]),
        "period" => e.extend(["っていつ？", "はいつですか"]),
        "measures" => e.extend(["って何をするの？", "はどんなことをしますか"]),
        _ => {}
    }
    e
}

const FILLERS: &[&str] =
    &["えっと、", "あの、", "すみません、", "あのー、ちょっと聞きたいんですが、", "すいません、質問です。", "えーと "];
const AFTERWORDS: &[&str] = &["。よろしくお願いします", "、お願いします。", "　教えてください"];
const ASKERS: &[&str] = &[
    "うちの子が来年小学校に上がるんですが、",
    "最近引っ越してきた者ですが、",
    "市の職員です。会議で使うので、",
    "高齢の母と二人暮らしです。",
    "学校の宿題で調べています。",
    "議会の質問の準備中です。",
    "父に頼まれて調べているのですが、",
    "来月から住む予定で、",
];
/// Whole-word homophones a phone's IME offers (same reading, other letters).
const HOMOPHONES: &[(&str, &str)] = &[
    ("協働", "共同"),
    ("交付", "公布"),
    ("健診", "検診"),
    ("保健", "保険"),
    ("公園", "講演"),
    ("機会", "機械"),
    ("講座", "口座"),
    ("制度", "精度"),
    ("体制", "体勢"),
    ("改修", "回収"),
    ("開設", "解説"),
    ("意向", "移行"),
    ("待機", "待期"),
    ("普及", "不朽"),
    ("対策", "大作"),
    ("支援", "試演"),
    ("施設", "私設"),
    ("整備", "正備"),
    ("推進", "水深"),
    ("利用", "理容"),
    ("指標", "師表"),
    ("登録", "当録"),
    ("参加", "産科"),
    ("実施", "実視"),
];

/// The features, each an independent way of writing; `rewrite` returns None where a feature
/// does not apply to a question.
const FEATURES: &[&str] = &[
    "ending",
    "filler",
    "word-order",
    "place-stem",
    "place-kana",
    "place-dropped",
    "synonyms.toml",
    "sudachi-same",
    "sudachi-near",
    "width",
    "typo",
    "two-in-one",
    "asker",
];

struct Tools {
    tokenizer: planbot::index::tokenizer::JapaneseTokenizer,
    sudachi: Option<sudachi::Dictionary>,
    replace: Vec<(String, Vec<String>)>,
}

impl Tools {
    fn new(engine: &Engine) -> Tools {
        let text = std::fs::read_to_string(root().join("data/synonyms.toml")).unwrap();
        let file: toml::Value = toml::from_str(&text).unwrap();
        let replace = file["replace"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let variants = r["variants"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string());
                (r["canonical"].as_str().unwrap().to_string(), variants.collect())
            })
            .collect();
        Tools {
            tokenizer: engine.index().tokenizer.clone(),
            sudachi: sudachi::Dictionary::load(&planbot::index::dictionary::cache_root()).ok(),
            replace,
        }
    }

    /// Spans of one to three adjacent content morphemes of the question (byte ranges): the
    /// words a synonym may stand for.
    fn words(&self, q: &str) -> Vec<(usize, usize)> {
        let m = self.tokenizer.morphemes(q);
        let mut spans = Vec::new();
        for i in 0..m.len() {
            for j in i..(i + 3).min(m.len()) {
                // Adjacent only: nothing between the morphemes.
                if (i..j).all(|k| m[k].end == m[k + 1].start) {
                    spans.push((m[i].start, m[j].end));
                }
            }
        }
        spans
    }

    /// Words of the question replaced by another word of their Sudachi group that maps back
    /// to them (the engine expands from the question's side): same lexeme or near synonym.
    fn sudachi_swaps(&self, q: &str, want: sudachi::Relation) -> Vec<String> {
        let Some(d) = &self.sudachi else { return Vec::new() };
        let mut out = Vec::new();
        for (s, e) in self.words(q) {
            let word = &q[s..e];
            // Kana words written in kanji (どこ → 何所) and translations into English are not
            // how people write in chat.
            if word.chars().count() < 2 || word.chars().all(|c| c.is_ascii() || is_hiragana(c)) {
                continue;
            }
            for (other, relation) in d.expand(word) {
                if relation != want || other == word || other.chars().count() < 2 || other.is_ascii() {
                    continue;
                }
                if d.expand(other).iter().any(|(w, r)| *w == word && *r == want) {
                    out.push(format!("{}{}{}", &q[..s], other, &q[e..]));
                }
            }
        }
        out
    }

    fn hiragana(&self, word: &str) -> Option<String> {
        let reading = self.tokenizer.reading(word)?;
        Some(
            reading
                .chars()
                .map(
                    |c| {
                        if ('\u{30A1}'..='\u{30F6}').contains(&c) {
                            char::from_u32(c as u32 - 0x60).unwrap()
                        } else {
                            c
                        }
                    },
                )
                .collect(),
        )
    }
}

fn stem(m: &str) -> &str {
    m.strip_suffix(['市', '町', '村']).unwrap_or(m)
}

/// The municipality the question names, as written.
fn named_place<'a>(q: &str, set: &'a Set) -> Option<&'a String> {
    set.municipalities.iter().find(|m| q.contains(m.as_str()))
}

fn to_fullwidth(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
        _ => c,
    }
}

fn to_halfwidth(c: char) -> char {
    match c {
        '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
        '　' => ' ',
        _ => c,
    }
}

/// Whether the same question about each other municipality of the set is not found: the
/// question then keeps one clear answer without its municipality.
fn only_place_with_topic(q: &str, m: &str, set: &Set) -> bool {
    set.municipalities.iter().all(|o| o == m || !set.engine.ask(&q.replacen(m, o, 1)).found)
}

fn rewrites(feature: &str, case: &Case, set: &Set, tools: &Tools, others: &[&Case]) -> Vec<String> {
    let q = case.question.as_str();
    let place = named_place(q, set);
    match feature {
        "ending" => {
            core(q).map(|c| endings(&case.kind).iter().map(|e| format!("{c}{e}")).collect()).unwrap_or_default()
        }
        "filler" => FILLERS
            .iter()
            .map(|f| format!("{f}{q}"))
            .chain(AFTERWORDS.iter().map(|a| format!("{}{a}", q.trim_end_matches(['？', '?']))))
            .collect(),
        "word-order" => {
            let mut out = Vec::new();
            if let Some(c) = core(q).filter(|c| !c.contains([' ', '　'])) {
                // 「交付率の目標は？」→「目標は？交付率の」: the head noun first, its modifier after.
                let chars: Vec<char> = c.chars().collect();
                if let Some(p) = (2..chars.len().saturating_sub(2))
                    .rev()
                    .find(|&p| chars[p] == 'の' && !is_hiragana(chars[p + 1]) && !is_hiragana(chars[p - 1]))
                {
                    let (head, tail): (String, String) = (chars[..p].iter().collect(), chars[p + 1..].iter().collect());
                    out.push(format!("{tail}は？{head}の"));
                }
            }
            // The municipality after the question: 「…の目標は？本庄市の」.
            if let Some(m) = place {
                for particle in ["の", "で", "は"] {
                    if let Some(rest) = q.strip_prefix(&format!("{m}{particle}")) {
                        out.push(format!("{rest}　{m}の"));
                    }
                }
            }
            out
        }
        "place-stem" => match place {
            Some(m) if stem(m) != m.as_str() && stem(m).chars().count() >= 2 => {
                vec![q.replacen(m.as_str(), stem(m), 1)]
            }
            _ => Vec::new(),
        },
        // With its 市/町/村, and without where the name alone (unread) leaves one clear answer.
        "place-kana" => match place.and_then(|m| Some((m, tools.hiragana(stem(m))?))) {
            Some((m, kana)) => {
                let suffix = &m[stem(m).len()..];
                let mut out = vec![q.replacen(m.as_str(), &format!("{kana}{suffix}"), 1)];
                if only_place_with_topic(q, m, set) {
                    out.push(q.replacen(m.as_str(), &kana, 1));
                }
                out
            }
            None => Vec::new(),
        },
        // Left out only where one municipality has the topic, so the question keeps one clear
        // answer: the same question about each other municipality of the set is not found. A
        // question that compares or lists municipalities would lose its meaning.
        "place-dropped" => match place {
            Some(_) if set.municipalities.iter().filter(|m| q.contains(stem(m))).count() > 1 => Vec::new(),
            Some(_) if ["それぞれ", "比べ", "各"].iter().any(|w| q.contains(w)) => Vec::new(),
            Some(m) if !only_place_with_topic(q, m, set) => Vec::new(),
            Some(m) => {
                let mut out = Vec::new();
                for particle in ["の", "で", "は", "、", " ", "　", ""] {
                    let with = format!("{m}{particle}");
                    if q.contains(&with) {
                        out.push(q.replacen(&with, "", 1));
                        break;
                    }
                }
                out
            }
            None => Vec::new(),
        },
        "synonyms.toml" => tools
            .replace
            .iter()
            .filter(|(canonical, _)| q.contains(canonical.as_str()))
            .flat_map(|(canonical, variants)| variants.iter().map(move |v| q.replacen(canonical.as_str(), v, 1)))
            .collect(),
        "sudachi-same" => tools.sudachi_swaps(q, sudachi::Relation::Same),
        "sudachi-near" => tools.sudachi_swaps(q, sudachi::Relation::Near),
        "width" => {
            let mut out = Vec::new();
            let full: String = q.chars().map(to_fullwidth).collect();
            if full != q {
                out.push(full);
            }
            let half: String = q.chars().map(to_halfwidth).collect();
            if half != q {
                out.push(half);
            }
            if let Some(m) = place {
                if let Some(rest) = q.strip_prefix(&format!("{m}の")) {
                    out.push(format!("{m}　{rest}"));
                }
            }
            out
        }
        "typo" => HOMOPHONES
            .iter()
            .filter(|(right, _)| q.contains(right))
            .map(|(right, typo)| q.replacen(right, typo, 1))
            .collect(),
        "two-in-one" => others
            .iter()
            .filter(|o| o.wants != case.wants && o.question != case.question)
            .take(4)
            .flat_map(|o| {
                let other =
                    core(&o.question).unwrap_or_else(|| o.question.trim_end_matches(['？', '?', '。']).to_string());
                let mine = q.trim_end_matches(['？', '?', '。']);
                [
                    format!("{mine}？それと、{other}も教えて"),
                    format!("{}？あと{q}", o.question.trim_end_matches(['？', '?', '。'])),
                ]
            })
            .collect(),
        "asker" => ASKERS.iter().map(|a| format!("{a}{q}")).collect(),
        _ => unreachable!("{feature}"),
    }
}

// ---------------------------------------------------------------- the matrix

fn judge(case: &Case, answer: &Answer, feature: &str) -> Outcome {
    if !answer.found {
        return Outcome::NotFound;
    }
    if !holds(case, answer) {
        return Outcome::Wrong;
    }
    // Two questions in one: the other question's citations may come first.
    let n = if feature == "two-in-one" { usize::MAX } else { 3 };
    if cites_same(case, answer, n) {
        Outcome::Same
    } else {
        Outcome::OtherLine
    }
}

struct Results {
    per_feature: BTreeMap<String, Tally>,
    per_set: BTreeMap<String, Tally>,
    total: Tally,
    questions: usize,
    failures: Vec<(String, String)>,
}

fn run(all: bool, per_pair: usize) -> Results {
    let sets = util::looked_at::sets(ZOO);
    let mut results = Results {
        per_feature: BTreeMap::new(),
        per_set: BTreeMap::new(),
        total: Tally::default(),
        questions: 0,
        failures: Vec::new(),
    };
    for (s, set) in sets.iter().enumerate() {
        let tools = Tools::new(&set.engine);
        results.questions += set.cases.len();
        for (c, case) in set.cases.iter().enumerate() {
            for (f, feature) in FEATURES.iter().enumerate() {
                // The default sample: each question meets a third of the features, a different
                // third for neighbouring questions, so every feature meets every set.
                if !all && (c + f) % 3 != 0 {
                    continue;
                }
                let mut rng = Rng::new((s * 1_000_000 + c * 100 + f) as u64);
                let mut others: Vec<&Case> = set.cases.iter().filter(|o| o.id != case.id).collect();
                // A deterministic shuffle, so the second question differs from case to case.
                for i in (1..others.len()).rev() {
                    let j = rng.below(i + 1);
                    others.swap(i, j);
                }
                let mut candidates = rewrites(feature, case, set, &tools, &others);
                candidates.retain(|r| r != &case.question);
                candidates.sort();
                candidates.dedup();
                if candidates.is_empty() {
                    continue;
                }
                for _ in 0..per_pair.min(candidates.len()) {
                    let i = rng.below(candidates.len());
                    let rewrite = candidates.swap_remove(i);
                    let a = set.engine.ask(&rewrite);
                    let outcome = judge(case, &a, feature);
                    for tally in [
                        results.per_feature.entry(feature.to_string()).or_default(),
                        results.per_set.entry(set.name.clone()).or_default(),
                        &mut results.total,
                    ] {
                        tally.n += 1;
                        *tally.by.entry(outcome).or_default() += 1;
                    }
                    if outcome != Outcome::Same {
                        let cited = a.citations.first().map(|c| format!("{}:{}", c.file, c.line)).unwrap_or_default();
                        results.failures.push((
                            feature.to_string(),
                            format!(
                                "{feature} {outcome:?} [{} {}] {} → {rewrite}\n    want {:?} {:?} at {:?}\n    got {cited}: {}",
                                set.name,
                                case.id,
                                case.question,
                                case.wants,
                                case.any_of,
                                case.cited.first().map(|c| (c.file.clone(), c.line)),
                                a.answer.chars().take(160).collect::<String>()
                            ),
                        ));
                    }
                }
            }
        }
    }
    results
}

fn print_matrix(r: &Results) {
    util::looked_at::print_matrix(
        &format!("{} questions answered right today, rewritten:", r.questions),
        16,
        &r.per_feature,
        &r.per_set,
        &r.total,
    );
}

#[test]
fn phrasing_rewrites_keep_their_answer_or_say_not_found() {
    // PLANBOT_METAMORPH_CASES=n: every feature of every question, n rewrites each.
    let (all, per_pair) = match std::env::var("PLANBOT_METAMORPH_CASES").ok().and_then(|v| v.parse().ok()) {
        Some(n) => (true, n),
        None => (false, 1),
    };
    let results = run(all, per_pair);
    print_matrix(&results);
    if let Some(filter) = std::env::var_os("PLANBOT_METAMORPH_SHOW") {
        let filter = filter.to_string_lossy().to_string();
        for (f, text) in results.failures.iter().filter(|(f, _)| *f == filter || filter == "1") {
            let _ = f;
            println!("{text}");
        }
    }
    let t = &results.total;
    assert!(results.questions >= 150, "only {} questions answered right to rewrite", results.questions);
    assert!(t.percent(Outcome::Same) >= FLOOR_ALL, "{:.1}% same, floor {FLOOR_ALL}%", t.percent(Outcome::Same));
    for (feature, floor) in FLOOR_FEATURES {
        let got = results.per_feature.get(*feature).map(|t| t.percent(Outcome::Same)).unwrap_or(0.0);
        assert!(got >= *floor, "{feature}: {got:.1}% same, floor {floor}%");
    }
    assert!(
        t.percent(Outcome::Wrong) <= CEILING_WRONG,
        "{:.1}% wrong answers, ceiling {CEILING_WRONG}%",
        t.percent(Outcome::Wrong)
    );
}

/// Floors a little under what planbot keeps today on the default sample (90.9 % of 972
/// rewrites keep their answer; 62.4 % before chat messages were cut into their questions), so a
/// change that loses a way of writing fails here and shows which.
const FLOOR_ALL: f64 = 88.0;
const FLOOR_FEATURES: &[(&str, f64)] = &[
    ("asker", 85.0),
    ("ending", 98.0),
    ("filler", 98.0),
    ("place-dropped", 95.0),
    ("place-kana", 60.0),
    ("place-stem", 98.0),
    ("sudachi-near", 55.0),
    ("sudachi-same", 75.0),
    ("synonyms.toml", 95.0),
    ("two-in-one", 95.0),
    ("typo", 30.0),
    ("width", 97.0),
    // 97, not 98: the questions answered right grew this session, and the sample now holds two
    // rewrites that 281824f fails as well (a topic moved after 「は？」: 「計画期間は？健康しぎうら21の」
    // loses the title, 「指標は？令和7年度が目標年度の」 cites another row).
    ("word-order", 97.0),
];
/// A found answer without the figure misleads: at most this share of rewrites (4 of 972 today,
/// all through Sudachi near synonyms that change the topic: 基本計画 → 基礎計画, 満足 →
/// サティスファクション).
const CEILING_WRONG: f64 = 1.0;

/// The generator itself: rewrites are deterministic and keep the question's content words.
#[test]
fn phrasing_rewrites_are_deterministic_and_apply() {
    assert_eq!(
        core("本庄市のマイナンバーカード交付率の目標は？").as_deref(),
        Some("本庄市のマイナンバーカード交付率の目標")
    );
    assert_eq!(core("どこまで上げるの？"), None);
    let mut a = Rng::new(7);
    let mut b = Rng::new(7);
    assert_eq!((0..5).map(|_| a.next()).collect::<Vec<_>>(), (0..5).map(|_| b.next()).collect::<Vec<_>>());
    let set: HashSet<char> = "ＡＢ１２".chars().map(to_halfwidth).collect();
    assert!(set.contains(&'A') && set.contains(&'2'));
}
