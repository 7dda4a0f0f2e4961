//! Answers as Discord embeds, built by pure functions and kept within every Discord limit
//! (the API rejects a message over any of them with 400, so the bot shortens, with a note).

use poise::serenity_prelude as serenity;

use crate::answer::Answer;
use crate::ingest::{value::Value, Body, Record};

/// Discord's limits, counted in UTF-16 code units (at least as many as characters, so a text
/// within them in units is within them however Discord counts).
pub const CONTENT: usize = 2000;
pub const TITLE: usize = 256;
pub const DESCRIPTION: usize = 4096;
pub const FIELDS: usize = 25;
pub const FIELD_NAME: usize = 256;
pub const FIELD_VALUE: usize = 1024;
pub const FOOTER: usize = 2048;
pub const TOTAL: usize = 6000;
pub const EMBEDS: usize = 10;

/// How many hits get their own value fields, and how many citations are listed.
const HIT_FIELDS: usize = 3;
const CITATIONS: usize = 5;
const SHORTENED: &str = "\n…（長いため一部を省略しました）";
const GREEN: u32 = 0x2e7d32;
const GREY: u32 = 0x757575;

/// One embed as plain data, so tests can check it without Discord.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Embed {
    pub title: String,
    pub description: String,
    /// (name, value, inline)
    pub fields: Vec<(String, String, bool)>,
    pub footer: String,
    pub colour: u32,
}

impl Embed {
    /// Characters Discord counts against the 6,000 of a message.
    pub fn size(&self) -> usize {
        units(&self.title)
            + units(&self.description)
            + units(&self.footer)
            + self.fields.iter().map(|(n, v, _)| units(n) + units(v)).sum::<usize>()
    }

    pub fn to_serenity(&self) -> serenity::CreateEmbed {
        let mut e = serenity::CreateEmbed::new().title(&self.title).description(&self.description).colour(self.colour);
        for (name, value, inline) in &self.fields {
            e = e.field(name, value, *inline);
        }
        if !self.footer.is_empty() {
            e = e.footer(serenity::CreateEmbedFooter::new(&self.footer));
        }
        e
    }
}

/// The embed of an answer: title, answer text, value fields of the records behind it, the
/// citations, a footer naming the plan; for a not-found answer, the plans there are.
pub fn answer_embed(answer: &Answer, plan_titles: &[String]) -> Embed {
    let mut fields = Vec::new();
    let several = answer.hits.iter().take(HIT_FIELDS).filter(|r| has_fields(r)).count() > 1;
    if answer.found {
        for r in answer.hits.iter().take(HIT_FIELDS) {
            fields.extend(record_fields(r, several));
        }
    }
    let sources: Vec<String> = answer
        .citations
        .iter()
        .take(CITATIONS)
        .enumerate()
        .map(|(i, c)| {
            let lines = if c.line_end > c.line { format!("{}-{}", c.line, c.line_end) } else { c.line.to_string() };
            let file = c.file.replace('`', "'");
            format!(
                "[{}] {} · {}\n`{file}:{lines}`\n> {}",
                i + 1,
                inert(&c.title),
                inert(&c.section),
                inert(&one_line(&c.quote))
            )
        })
        .collect();
    fields.extend(list_fields("出典", &sources));
    if !answer.found && !plan_titles.is_empty() {
        let plans: Vec<String> = plan_titles.iter().map(|t| format!("・{}", inert(t))).collect();
        fields.extend(list_fields("登録されている計画", &plans));
    }
    let title = match answer.hits.first() {
        Some(r) if answer.found && matches!(r.body, Body::Indicator(_)) => {
            format!("{} {}", r.source.municipality.as_deref().unwrap_or(""), r.body.name()).trim().to_string()
        }
        _ => answer.question.clone(),
    };
    let footer = match answer.citations.first() {
        Some(c) => format!("出典: {}", inert(&c.title)),
        None => "planbot · 自治体の計画から答えます".to_string(),
    };
    fit(Embed {
        title: inert(&one_line(&title)),
        description: inert(&answer.answer),
        fields,
        footer,
        colour: if answer.found { GREEN } else { GREY },
    })
}

/// Shortens an embed until it is within every limit: each part to its own limit, then the
/// description (and, if still needed, the last fields) to the 6,000 of a message.
pub fn fit(mut e: Embed) -> Embed {
    e.title = shorten(&e.title, TITLE, "…");
    e.footer = shorten(&e.footer, FOOTER, "…");
    e.fields.truncate(FIELDS);
    for (name, value, _) in &mut e.fields {
        *name = shorten(name, FIELD_NAME, "…");
        *value = shorten(value, FIELD_VALUE, "\n…");
        if value.trim().is_empty() {
            *value = "—".into();
        }
        if name.trim().is_empty() {
            *name = "—".into();
        }
    }
    e.description = shorten(&e.description, DESCRIPTION, SHORTENED);
    // Over 6,000 in all: the description gives way first, down to a readable beginning; then
    // the last fields (further citations, further plans) go, and the note says so.
    let mut dropped = false;
    while e.size() > TOTAL {
        let others = e.size() - units(&e.description);
        if others + 300 <= TOTAL || e.fields.is_empty() {
            e.description = shorten(&e.description, TOTAL.saturating_sub(others), SHORTENED);
            break;
        }
        e.fields.pop();
        dropped = true;
    }
    if dropped && !e.description.ends_with(SHORTENED) {
        let room = TOTAL - (e.size() - units(&e.description));
        let cut = shorten(&e.description, room.min(DESCRIPTION).saturating_sub(units(SHORTENED)), "");
        e.description = cut + SHORTENED;
    }
    e
}

/// Plain message content (mentions, errors) within the 2,000 of a message.
pub fn content(text: &str) -> String {
    shorten(text, CONTENT, SHORTENED)
}

fn has_fields(r: &Record) -> bool {
    match &r.body {
        Body::Indicator(i) => i.baseline.is_some() || i.target.is_some(),
        Body::Measure(m) => !m.departments.is_empty(),
        Body::Responsibility(_) => true,
        _ => false,
    }
}

/// 現状値 / 目標値 / 目標年度 / 担当課 of one record, where it has them.
fn record_fields(r: &Record, labelled: bool) -> Vec<(String, String, bool)> {
    let label = |what: &str| {
        if labelled {
            format!("{}（{}）", what, r.body.name())
        } else {
            what.to_string()
        }
    };
    let mut out: Vec<(String, String, bool)> = Vec::new();
    match &r.body {
        Body::Indicator(i) => {
            if let Some(b) = &i.baseline {
                out.push((label("現状値"), with_year(b), true));
            }
            if let Some(t) = &i.target {
                out.push((label("目標値"), t.display(), true));
                if let Some(y) = &t.year {
                    out.push((label("目標年度"), y.label.clone(), true));
                }
            }
        }
        Body::Measure(m) if !m.departments.is_empty() => {
            out.push((label(m.department_role.as_deref().unwrap_or("担当課")), m.departments.join("・"), true));
        }
        Body::Responsibility(resp) => out.push((label(&resp.role), resp.departments.join("・"), true)),
        _ => {}
    }
    out.into_iter().map(|(name, value, inline)| (inert(&name), inert(&value), inline)).collect()
}

fn with_year(v: &Value) -> String {
    match &v.year {
        Some(y) => format!("{}（{}）", v.display(), y.label),
        None => v.display(),
    }
}

/// Lines under one heading, over as many fields as 1,024 characters each need.
fn list_fields(name: &str, lines: &[String]) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> = Vec::new();
    let mut current = String::new();
    for line in lines {
        let line = shorten(line, FIELD_VALUE, "…");
        if !current.is_empty() && units(&current) + 1 + units(&line) > FIELD_VALUE {
            out.push((field_name(name, out.len()), std::mem::take(&mut current), false));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.is_empty() {
        out.push((field_name(name, out.len()), current, false));
    }
    out
}

fn field_name(name: &str, n: usize) -> String {
    if n == 0 {
        name.to_string()
    } else {
        format!("{name}（続き）")
    }
}

/// Text from a plan or a user shown as written: what Discord's markdown would act on is escaped
/// with a backslash, which Discord hides — emphasis, code and spoilers anywhere, a masked link's
/// `](`, `<` of mentions and timestamps, and headings, lists and quotes at the start of a line.
/// A plan containing `[here](http://…)` or `# 見出し` cannot restyle an answer.
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let escape = match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '<' => true,
            '#' | '-' | '>' => line_start,
            ']' => chars.peek() == Some(&'('),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n' || (line_start && c.is_whitespace());
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// UTF-16 length: what Discord's JavaScript-side counts, never less than characters.
pub fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` if within `max` units, else its beginning and `note`, within `max` in all.
pub fn shorten(text: &str, max: usize, note: &str) -> String {
    if units(text) <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(units(note));
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        out.push(c);
    }
    if units(note) <= max {
        out.push_str(note);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Citation;

    fn within_limits(e: &Embed) {
        assert!(units(&e.title) <= TITLE);
        assert!(units(&e.description) <= DESCRIPTION);
        assert!(e.fields.len() <= FIELDS);
        for (n, v, _) in &e.fields {
            assert!(units(n) <= FIELD_NAME && !n.is_empty());
            assert!(units(v) <= FIELD_VALUE && !v.is_empty());
        }
        assert!(units(&e.footer) <= FOOTER);
        assert!(e.size() <= TOTAL, "size {}", e.size());
    }

    fn citation(n: usize, quote: &str) -> Citation {
        Citation {
            file: format!("data/plans/{n:03}.txt"),
            line: n,
            line_end: n,
            municipality: Some("本庄市".into()),
            title: "本庄市 総合計画 後期基本計画".into(),
            section: "6-4 行政のデジタル化の推進".into(),
            quote: quote.into(),
        }
    }

    fn answer(text: &str, citations: Vec<Citation>, found: bool) -> Answer {
        Answer {
            question: "質問".repeat(200),
            found,
            intent: "target".into(),
            answer: text.into(),
            citations,
            hits: Vec::new(),
        }
    }

    #[test]
    fn an_over_long_answer_is_shortened_with_a_note_within_every_limit() {
        let many: Vec<Citation> = (0..40).map(|n| citation(n, &"引用😀".repeat(300))).collect();
        let e = answer_embed(&answer(&"長い答え😀".repeat(3000), many, true), &[]);
        within_limits(&e);
        assert!(e.description.ends_with(SHORTENED), "{}", &e.description[e.description.len() - 60..]);
        assert!(e.title.ends_with('…'));
    }

    #[test]
    fn a_short_answer_is_kept_whole_with_its_citation() {
        let e = answer_embed(
            &answer("目標値は 100.0% です。[1]", vec![citation(633, "交付率 36.1 % ▶▶ 100.0 %")], true),
            &[],
        );
        within_limits(&e);
        assert_eq!(e.description, "目標値は 100.0% です。[1]");
        let (name, value, _) = &e.fields[0];
        assert_eq!(name, "出典");
        assert!(value.contains("`data/plans/633.txt:633`") && value.contains("> 交付率 36.1 % ▶▶ 100.0 %"));
        assert_eq!(e.footer, "出典: 本庄市 総合計画 後期基本計画");
    }

    #[test]
    fn a_not_found_answer_lists_the_plans_over_several_fields_when_needed() {
        let titles: Vec<String> =
            (0..200).map(|n| format!("第{n}次 とても長い名前の計画 {}", "あ".repeat(40))).collect();
        let e = answer_embed(&answer("計画には見つかりませんでした。", vec![], false), &titles);
        within_limits(&e);
        assert!(e.fields.iter().filter(|(n, _, _)| n.starts_with("登録されている計画")).count() > 1);
    }

    #[test]
    fn markup_from_plans_and_users_is_escaped() {
        assert_eq!(inert("[こちら](http://x) **太字** [1]"), "[こちら\\](http://x) \\*\\*太字\\*\\* [1]");
        assert_eq!(inert("# 見出し\n > 引用 <@1> -43人 a-b"), "\\# 見出し\n \\> 引用 \\<@1> -43人 a-b");
        assert_eq!(inert("-43人"), "\\-43人");
        let e = answer_embed(&answer("目標は [ここ](http://evil.example)", vec![citation(1, "**太字**")], true), &[]);
        assert!(e.description.contains(r"[ここ\](http"), "{}", e.description);
        assert!(e.fields[0].1.contains("> \\*\\*太字\\*\\*"));
    }

    #[test]
    fn shorten_counts_utf16_units_and_keeps_the_note() {
        assert_eq!(shorten("abc", 3, "…"), "abc");
        let s = shorten(&"😀".repeat(10), 7, "…");
        assert_eq!(s, "😀😀😀…");
        assert!(units(&s) <= 7);
        assert!(units(&content(&"x".repeat(5000))) <= CONTENT);
    }
}
