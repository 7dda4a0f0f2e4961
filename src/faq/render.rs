//! FAQ entries written out: Markdown, JSON (schema in docs/faq.schema.json), CSV for Excel, and
//! one standalone HTML page with charts and schema.org FAQPage JSON-LD.
//!
//! All document text is escaped for the format it lands in: a plan may contain `<script>`, `|`
//! or a line break inside a cell.

use serde::Serialize;

use super::{Entry, Kind};
use crate::chart;

/// The JSON document: a version tag so consumers can tell a format change, then the entries.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    entries: &'a [Entry],
}

pub const JSON_SCHEMA_ID: &str = "planbot-faq/1";

pub fn json(entries: &[Entry]) -> String {
    let mut s = serde_json::to_string_pretty(&Document { schema: JSON_SCHEMA_ID, entries }).unwrap_or_default();
    s.push('\n');
    s
}

/// `file:line`, or `file:line-line_end` for a span.
fn place(e: &Entry) -> String {
    let c = &e.citation;
    if c.line_end > c.line {
        format!("{}:{}-{}", c.file, c.line, c.line_end)
    } else {
        format!("{}:{}", c.file, c.line)
    }
}

fn source_line(e: &Entry) -> String {
    let c = &e.citation;
    [c.title.as_str(), c.section.as_str(), &place(e)]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The source in Markdown: the file:line as code, so a path's `_` is shown as it is.
fn md_source(e: &Entry) -> String {
    let c = &e.citation;
    let words: Vec<String> = [&c.title, &c.section].iter().filter(|s| !s.is_empty()).map(|s| md_text(s)).collect();
    format!("{} · `{}`", words.join(" · "), place(e).replace('`', "'"))
}

/// Headings change when municipality, plan or section change: the entries come grouped.
fn groups(entries: &[Entry]) -> Vec<(usize, u8, String)> {
    let mut out = Vec::new();
    let mut last: (Option<&str>, Option<&str>, Option<&str>) = (None, None, None);
    for (i, e) in entries.iter().enumerate() {
        let municipality = if e.municipality.is_empty() { "自治体不明" } else { e.municipality.as_str() };
        if last.0 != Some(municipality) {
            out.push((i, 0, municipality.to_string()));
            last = (Some(municipality), None, None);
        }
        if last.1 != Some(e.plan.as_str()) {
            out.push((i, 1, e.plan.clone()));
            last.1 = Some(&e.plan);
            last.2 = None;
        }
        if last.2 != Some(e.section.as_str()) {
            if !e.section.is_empty() {
                out.push((i, 2, e.section.clone()));
            }
            last.2 = Some(&e.section);
        }
    }
    out
}

/// Markdown text: escapes the characters that would start markup inside a line.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn markdown(entries: &[Entry]) -> String {
    let mut s = String::from("# よくある質問\n\n計画文書から planbot が作成しました。各回答の出典（文書・節・ファイル:行）で原文を確かめられます。\n");
    let headings = groups(entries);
    for (i, e) in entries.iter().enumerate() {
        for (_, level, title) in headings.iter().filter(|(at, _, _)| *at == i) {
            s.push_str(&format!("\n{} {}\n", "#".repeat(*level as usize + 2), md_text(title)));
        }
        s.push_str(&format!(
            "\n**Q. {}**\n\nA. {}\n\n出典: {}\n",
            md_text(&e.question),
            md_text(&e.answer),
            md_source(e)
        ));
    }
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// UTF-8 with a BOM, so Excel reads the Japanese; one row per entry.
pub fn csv(entries: &[Entry]) -> String {
    let mut s = String::from("\u{feff}id,kind,municipality,plan,section,question,answer,file,line,line_end\r\n");
    for e in entries {
        let c = &e.citation;
        let kind = serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let fields = [
            e.id.clone(),
            kind,
            e.municipality.clone(),
            e.plan.clone(),
            e.section.clone(),
            e.question.clone(),
            e.answer.clone(),
            c.file.clone(),
            c.line.to_string(),
            c.line_end.to_string(),
        ];
        s.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        s.push_str("\r\n");
    }
    s
}

/// schema.org FAQPage: each Question with `name` and one `acceptedAnswer` with `text`.
pub fn json_ld(entries: &[Entry]) -> serde_json::Value {
    let questions: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "@type": "Question",
                "name": e.question,
                "acceptedAnswer": {"@type": "Answer", "text": format!("{}（出典: {}）", e.answer, source_line(e))},
            })
        })
        .collect();
    serde_json::json!({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions})
}

const STYLE: &str =
    "body{font-family:sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.6;color:#222}\
details{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}\
summary{cursor:pointer;font-weight:bold}.source{color:#555;font-size:.9em}\
.chart svg{max-width:100%;height:auto}nav li{margin:.1rem 0}";

pub fn html(entries: &[Entry]) -> String {
    let esc = chart::escape;
    let headings = groups(entries);
    let mut toc = String::new();
    let mut body = String::new();
    for (n, (_, level, title)) in headings.iter().enumerate() {
        toc.push_str(&format!(
            "<li class=\"toc{level}\" style=\"margin-left:{}rem\"><a href=\"#g{n}\">{}</a></li>",
            *level as f32 * 1.2,
            esc(title)
        ));
    }
    for (i, e) in entries.iter().enumerate() {
        for (n, (_, level, title)) in headings.iter().enumerate().filter(|(_, (at, _, _))| *at == i) {
            body.push_str(&format!("<h{h} id=\"g{n}\">{}</h{h}>\n", esc(title), h = *level as usize + 2));
        }
        let chart = e
            .indicator
            .as_ref()
            .filter(|_| e.kind == Kind::Indicator)
            .and_then(chart::indicator)
            .map(|c| format!("<div class=\"chart\">{}</div>", c.svg))
            .unwrap_or_default();
        body.push_str(&format!(
            "<details id=\"{id}\"><summary>{q}</summary><p>{a}</p>{chart}<p class=\"source\">出典: {src}</p></details>\n",
            id = esc(&e.id),
            q = esc(&e.question),
            a = esc(&e.answer),
            src = esc(&source_line(e)),
        ));
    }
    // Inside <script>, `</script>` would end the element whatever JSON says: write `<` as \u003c.
    let ld = serde_json::to_string(&json_ld(entries)).unwrap_or_default().replace('<', "\\u003c");
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>よくある質問</title>\n<style>{STYLE}</style>\n\
         <script type=\"application/ld+json\">{ld}</script>\n</head>\n<body>\n\
         <h1>よくある質問</h1>\n<p>計画文書から planbot が作成しました（{n} 件）。各回答の出典で原文を確かめられます。</p>\n\
         <nav><h2>目次</h2><ul>{toc}</ul></nav>\n{body}</body>\n</html>\n",
        n = entries.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::Citation;
    use crate::ingest::record::Indicator;
    use crate::ingest::value;

    fn entry(question: &str, answer: &str) -> Entry {
        let v = |s: &str| value::parse(s, 3);
        Entry {
            id: "i-0123456789".into(),
            kind: Kind::Indicator,
            municipality: "桜川台市".into(),
            plan: "桜川台市 後期基本計画".into(),
            section: "2-1 子育て支援".into(),
            question: question.into(),
            answer: answer.into(),
            facts: vec![],
            lines: vec![3],
            citation: Citation {
                title: "桜川台市 後期基本計画".into(),
                section: "2-1 子育て支援".into(),
                file: "data/plans/a.txt".into(),
                line: 3,
                line_end: 3,
                quote: String::new(),
            },
            indicator: Some(Indicator::row("成果指標", "待機児童数".into(), None, v("12人"), v("0人"))),
        }
    }

    #[test]
    fn html_escapes_document_text_and_carries_faqpage_json_ld() {
        let e = entry("<script>alert(1)</script>の目標は？", "</script><img src=x onerror=alert(2)> 12人 → 0人");
        let page = html(&[e]);
        assert!(!page.contains("<script>alert") && !page.contains("<img"), "{page}");
        assert_eq!(page.matches("</script>").count(), 1, "only the JSON-LD element closes a script");
        let start = page.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
        let ld: serde_json::Value = serde_json::from_str(&page[start..page.find("</script>").unwrap()]).unwrap();
        assert_eq!(ld["@type"], "FAQPage");
        let q = &ld["mainEntity"][0];
        assert_eq!(q["name"], "<script>alert(1)</script>の目標は？");
        assert!(q["acceptedAnswer"]["text"].as_str().unwrap().contains("data/plans/a.txt:3"));
        assert!(page.contains("<details id=\"i-0123456789\"><summary>"));
        assert!(page.contains("<svg") && page.contains("<nav>"), "chart and table of contents");
    }

    #[test]
    fn markdown_groups_and_escapes_csv_quotes_and_has_a_bom() {
        let e = entry("A|B*の目標は？", "x, \"y\"\n z");
        let md = markdown(std::slice::from_ref(&e));
        assert!(
            md.contains("## 桜川台市\n")
                && md.contains("### 桜川台市 後期基本計画\n")
                && md.contains("#### 2-1 子育て支援\n")
        );
        assert!(md.contains("**Q. A\\|B\\*の目標は？**"), "{md}");
        let csv = csv(&[e]);
        assert!(csv.starts_with("\u{feff}id,kind,"));
        assert!(csv.contains(",indicator,") && csv.contains("\"x, \"\"y\"\"\n z\""), "{csv}");
    }
}
