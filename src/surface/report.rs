//! `planbot report`: what staff read from the store — the most asked questions, those the plans
//! did not answer, and those voted 👎 — as Markdown or CSV.

use crate::store::{Report, ReportRow};

/// How many questions each list shows.
pub const ROWS: usize = 20;
/// An answer is quoted this far in the report; the store keeps it whole.
const ANSWER_CHARS: usize = 80;

pub fn markdown(report: &Report) -> String {
    let mut s = String::from("# planbot 利用レポート\n\n");
    match &report.since {
        Some(since) => s.push_str(&format!("{since} 以降の質問: {} 件\n", report.total)),
        None => s.push_str(&format!("すべての質問: {} 件\n", report.total)),
    }
    let sections = [
        ("よく聞かれた質問", &report.most_asked, "回数"),
        ("計画に答えがなかった質問", &report.not_found, "回数"),
        ("👎 がついた回答", &report.voted_down, "👎"),
    ];
    for (title, rows, count) in sections {
        s.push_str(&format!("\n## {title}\n\n"));
        if rows.is_empty() {
            s.push_str("（ありません）\n");
            continue;
        }
        s.push_str(&format!("| {count} | 質問 | 最新の回答 |\n|---:|---|---|\n"));
        for r in rows.iter() {
            s.push_str(&format!("| {} | {} | {} |\n", r.count, cell(&r.question, 200), cell(&r.answer, ANSWER_CHARS)));
        }
    }
    s
}

/// One row per question and list: `list,count,question,answer`, UTF-8 with a BOM for Excel.
pub fn csv(report: &Report) -> String {
    let mut s = String::from("\u{feff}list,count,question,answer\n");
    let lists: [(&str, &Vec<ReportRow>); 3] =
        [("most_asked", &report.most_asked), ("not_found", &report.not_found), ("voted_down", &report.voted_down)];
    for (name, rows) in lists {
        for r in rows {
            s.push_str(&format!("{name},{},{},{}\n", r.count, csv_field(&r.question), csv_field(&r.answer)));
        }
    }
    s
}

/// Text inside a Markdown table cell: one line, no pipe, and no markup a user could slip in.
fn cell(text: &str, max: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one
        .chars()
        .take(max)
        .map(|c| match c {
            '|' => '｜',
            '<' => '＜',
            '>' => '＞',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    if one.chars().count() > max {
        out.push('…');
    }
    out
}

/// A CSV field, quoted; a leading = + - @ is neutralized so a spreadsheet does not run it.
fn csv_field(text: &str) -> String {
    let mut t = text.replace('"', "\"\"");
    if t.starts_with(['=', '+', '-', '@']) {
        t.insert(0, '\'');
    }
    format!("\"{t}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let row = |q: &str, n, a: &str| ReportRow { question: q.into(), count: n, answer: a.into() };
        Report {
            since: Some("2026-01-01".into()),
            total: 3,
            most_asked: vec![row("交付率の目標は？", 2, "目標値は 100.0% です。")],
            not_found: vec![row("人口は|何人？", 1, "見つかりませんでした\n次の行")],
            voted_down: vec![row("=cmd|' /C calc'!A0", 1, "答え")],
        }
    }

    #[test]
    fn markdown_lists_each_kind_in_its_own_table() {
        let md = markdown(&report());
        assert!(md.contains("2026-01-01 以降の質問: 3 件"));
        assert!(md.contains("| 2 | 交付率の目標は？ | 目標値は 100.0% です。 |"));
        assert!(md.contains("| 1 | 人口は｜何人？ | 見つかりませんでした 次の行 |"));
        assert!(md.contains("## 👎 がついた回答"));
    }

    #[test]
    fn csv_quotes_fields_and_defuses_formulas() {
        let csv = csv(&report());
        assert!(csv.starts_with("\u{feff}list,count,question,answer\n"));
        assert!(csv.contains("not_found,1,\"人口は|何人？\",\"見つかりませんでした\n次の行\""));
        assert!(csv.contains("voted_down,1,\"'=cmd|' /C calc'!A0\",\"答え\""));
    }
}
