//! Works out which section (施策) every line of a document belongs to.
//!
//! Plans mark their sections in different ways, and a new plan will bring yet another:
//! `【施策 6-1】` with the title on the next line; `基本施策5 title`; `施策大項目 2` followed by a
//! `# title` inside `第6章`; or a numbered list of 施策大項目 after a chapter title, whose blocks
//! then each begin with めざす姿 and may carry no title at all. Numbers such as 6-4 are also
//! declared elsewhere ("### 6-4 電子自治体の推進"), and a declared number wins.

use std::collections::HashMap;
use std::sync::Arc;

use once_cell::sync::Lazy;
use regex::Regex;

use super::record::Section;
use super::Line;

static BRACKETED_NUMBER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^【施策\s*(\d+-\d+)】$").unwrap());
static KIHON: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^#*\s*(?:\*\*)?基本施策\s*(\d+)\s+(?:重点\s+)?(.+?)(?:\*\*)?$").unwrap());
static CHAPTER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^#*\s*第\s*(\d+)\s*章\s*(.*)$").unwrap());
static DECLARED: Lazy<Regex> = Lazy::new(|| Regex::new(r"^#*\s*(\d+-\d+)\s+(\S.*)$").unwrap());
static DAIKOMOKU: Lazy<Regex> = Lazy::new(|| Regex::new(r"^施策大項目\s*(?:\*\*)?(\d+)?").unwrap());
static BARE_NUMBER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^#*\s*(?:\*\*)?(\d+)(?:\*\*)?$").unwrap());
static LIST_ITEM: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d+)\.\s+(\S.*)$").unwrap());
static HEADING: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(#+)\s*(.+)$").unwrap());
/// 「1.2　戦略の期間」「2.3.1　…」: a heading numbered with points (not a figure: a title of
/// words follows, with no 。 and no figure of its own).
static DOTTED: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^#*\s*(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+([^\d\s%][^。%]{0,40})$").unwrap());
/// "1.実施計画の趣旨": a numbered title with no space, as plain-text plans write them.
static PLAIN_TITLE: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\d+\.[^\s\d.][^。:]{1,30}$").unwrap());
/// "(2)計画期間". Not a table row ("(1)\t指標名\t…", circled numbers normalize to "(1)").
static SUB_TITLE: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\(\d+\)\s*[^。\t]{1,30}$").unwrap());

/// "第1節 title", "第2項 title": levels below a chapter.
static SECTION: Lazy<Regex> = Lazy::new(|| Regex::new(r"^#*\s*第\s*(\d+)\s*(節|項)\s+(\S.{0,50})$").unwrap());

/// The grammar of numbered headings: an optional outline number or mark, a level word from the
/// vocabulary, a number (1, 1-2, 1-2-3), and a title: "施策1-2 地域コミュニティの活性化",
/// "◆ 推進項目1 効率的な行政運営", "2 基本目標1 地域で支え合う仕組みづくり".
fn level_heading(levels: &[String]) -> Option<Regex> {
    if levels.is_empty() {
        return None;
    }
    let words: Vec<String> = levels.iter().map(|w| regex::escape(w)).collect();
    let pattern = format!(r"^#*\s*(?:\d+\s+|[■□◆◇●○]\s*)?({})\s*(\d+(?:-\d+)*)\s+(\S[^。]{{0,50}})$", words.join("|"));
    Regex::new(&pattern).ok()
}

/// Whether `text` is a numbered heading of a level word by [`level_heading`]'s grammar, its title
/// holding no figure (「施策６　移住・定住の促進」): what ends a table written under the heading before.
/// So is a chapter, section or article with its title (「第４章　取組と担当課」).
pub fn is_level_heading(vocabulary: &super::roles::Vocabulary, text: &str) -> bool {
    let title = |t: &str| !t.is_empty() && !t.contains('。') && !t.chars().any(|c| c.is_ascii_digit());
    has_digit(text)
        && (vocabulary
            .pattern("heading", |v| level_heading(&v.heading_levels))
            .and_then(|l| l.captures(text).map(|c| title(&c[3])))
            .unwrap_or(false)
            || CHAPTER.captures(text).is_some_and(|c| title(c[2].trim()))
            || SECTION.captures(text).is_some_and(|c| title(c[3].trim())))
}

/// A level word numbered in brackets under a numbered heading, with a few words before it:
/// 「○具体的な施策（２）農業の担い手の確保」 is the second 施策 of the 基本目標 above, a
/// subheading of it (its number alone would repeat under every 基本目標).
fn bracketed_level(levels: &[String]) -> Option<Regex> {
    if levels.is_empty() {
        return None;
    }
    let words: Vec<String> = levels.iter().map(|w| regex::escape(w)).collect();
    let pattern = format!(r"^#*\s*[■□◆◇●○]?\s*[^\s\d()。]{{0,6}}?(?:{})\s*\(\d+\)\s*\S[^。]{{0,50}}$", words.join("|"));
    Regex::new(&pattern).ok()
}

/// Whether a text holds a digit (`\d`, any script): every numbered heading does, and many
/// lines are told apart by this before the heading grammar runs.
fn has_digit(text: &str) -> bool {
    text.chars().any(super::value::is_numeric)
}

/// The section of each line, index for index. Lines of one section share one `Arc`.
pub fn sections(lines: &[Line], vocabulary: &super::roles::Vocabulary) -> Vec<Arc<Section>> {
    let declared = declared_numbers(lines);
    let level = vocabulary.pattern("heading", |v| level_heading(&v.heading_levels));
    let sub_level = vocabulary.pattern("heading-bracketed", |v| bracketed_level(&v.heading_levels));
    let parts = vocabulary.heading_parts.clone();
    let mut scanner = Scanner { declared, level, sub_level, parts, ..Scanner::default() };
    let mut out = Vec::with_capacity(lines.len());
    let mut shared = Arc::new(Section::default());
    let mut seen = 0;
    for i in 0..lines.len() {
        scanner.step(lines, i);
        if scanner.changes != seen {
            seen = scanner.changes;
            shared = Arc::new(scanner.current.clone());
        }
        out.push(Arc::clone(&shared));
    }
    out
}

/// Compact title → number, from lines such as "### 6-4 電子自治体の推進".
fn declared_numbers(lines: &[Line]) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.text.contains('-') && !line.text.starts_with('【') {
            continue;
        }
        if let Some(c) = DECLARED.captures(&line.text) {
            map.insert(compact(&c[2]), c[1].to_string());
        } else if let Some(c) = BRACKETED_NUMBER.captures(&line.text) {
            if let Some(title) = next_text(lines, i) {
                map.insert(compact(&title), c[1].to_string());
            }
        }
    }
    map
}

#[derive(Default)]
struct Scanner {
    declared: HashMap<String, String>,
    /// The vocabulary's words for a part of the plan with no number (資料編).
    parts: Vec<String>,
    chapter: Option<String>,
    chapter_title: Option<String>,
    /// Titles of a numbered 施策大項目 list, whose blocks follow one per めざす姿.
    listed: Vec<String>,
    blocks_seen: usize,
    /// Set by "施策大項目": the number, once seen, waiting for the title heading.
    pending_number: Option<Option<String>>,
    current: Section,
    /// Counts changes of `current`, so unchanged lines can share it.
    changes: usize,
    /// The numbered-heading grammar built from the vocabulary's level words.
    level: Option<std::sync::Arc<Regex>>,
    /// Level words numbered in brackets (「具体的な施策(2)…」): subheadings.
    sub_level: Option<std::sync::Arc<Regex>>,
    /// How much of the path the last section entered holds (chapter, section): subheadings go
    /// below it and replace each other, (2) after (1) rather than under it.
    entered: usize,
}

impl Scanner {
    fn step(&mut self, lines: &[Line], i: usize) {
        let text = lines[i].text.as_str();
        if text.is_empty() {
            return;
        }
        // 「資料編」 alone on its line: a part of the plan that no 施策 holds.
        let bare = text.trim_matches(|c: char| c.is_whitespace() || "#■□◆◇●○【】[]<>".contains(c));
        if self.parts.iter().any(|p| p == bare) {
            self.begin_part(None, bare.to_string());
        } else if let Some(c) = text.starts_with('【').then(|| BRACKETED_NUMBER.captures(text)).flatten() {
            let title = next_text(lines, i).unwrap_or_default();
            self.enter(Some(c[1].to_string()), title);
        } else if let Some(c) = text.contains("基本施策").then(|| KIHON.captures(text)).flatten() {
            self.enter(Some(format!("基本施策{}", &c[1])), c[2].trim().to_string());
        } else if let Some(c) = (text.contains('章') && text.contains('第')).then(|| CHAPTER.captures(text)).flatten()
        {
            if !is_table_of_contents(lines, i) {
                self.begin_part(Some(c[1].to_string()), text.trim_start_matches('#').trim().to_string());
            }
        } else if let Some(c) = self.level.as_ref().filter(|_| has_digit(text)).and_then(|l| l.captures(text)) {
            let (number, title) = (format!("{}{}", &c[1], &c[2]), c[3].trim().to_string());
            self.enter(Some(number), title);
        } else if text.contains('(') && self.sub_level.as_ref().is_some_and(|l| l.is_match(text)) {
            self.sub(text.trim_start_matches(['#', '■', '□', '◆', '◇', '●', '○', ' ']).to_string());
        } else if let Some(c) =
            (text.contains(['節', '項']) && text.contains('第')).then(|| SECTION.captures(text)).flatten()
        {
            let title = format!("第{}{} {}", &c[1], &c[2], c[3].trim());
            self.enter(None, title);
        } else if text.starts_with("施策大項目と") {
            self.listed = numbered_list_after(lines, i);
            self.blocks_seen = 0;
        } else if let Some(c) = text.starts_with("施策大項目").then(|| DAIKOMOKU.captures(text)).flatten() {
            self.pending_number = Some(c.get(1).map(|m| m.as_str().to_string()));
        } else if let Some(pending) = self.pending_number.clone() {
            self.step_pending(pending, text);
        } else if text == "めざす姿" && !self.listed.is_empty() {
            self.blocks_seen += 1;
            if let Some(title) = self.listed.get(self.blocks_seen - 1).cloned() {
                let number = self.chapter.as_ref().map(|c| format!("{c}-{}", self.blocks_seen));
                self.enter(number, title);
            }
        } else if let Some(c) = text.starts_with('#').then(|| HEADING.captures(text)).flatten() {
            let title = c[2].trim().to_string();
            if c[1].len() == 1 && self.listed.is_empty() {
                self.enter(None, title);
            } else {
                self.sub(title);
            }
        } else if let Some(c) = text.contains('.').then(|| DOTTED.captures(text)).flatten() {
            self.enter(Some(c[1].to_string()), c[2].trim().to_string());
        } else if text.starts_with(super::value::is_numeric) && PLAIN_TITLE.is_match(text) {
            self.enter(None, text.to_string());
        } else if text.starts_with('(') && SUB_TITLE.is_match(text) {
            self.sub(text.to_string());
        }
    }

    /// After "施策大項目": first a bare number (unless it was on the same line), then the title.
    fn step_pending(&mut self, pending: Option<String>, text: &str) {
        match (pending, BARE_NUMBER.captures(text)) {
            (None, Some(c)) => self.pending_number = Some(Some(c[1].to_string())),
            // "施策大項目" as a column label, not a section mark.
            (None, None) => self.pending_number = None,
            (Some(n), _) if !text.starts_with("めざす姿") => {
                let title = text.trim_start_matches('#').trim().to_string();
                let number = self.chapter.as_ref().map(|c| format!("{c}-{n}"));
                self.pending_number = None;
                self.enter(number, title);
            }
            (Some(_), _) => {}
        }
    }

    /// A chapter (第N章, its number) or a part with no number (資料編) begins: what stood
    /// under the one before ends.
    fn begin_part(&mut self, chapter: Option<String>, title: String) {
        self.chapter = chapter;
        self.chapter_title = Some(title.clone());
        self.listed.clear();
        self.blocks_seen = 0;
        self.enter(None, title);
    }

    fn enter(&mut self, number: Option<String>, title: String) {
        let title = super::normalize::tighten(&title.replace("**", ""));
        let number = self.declared.get(&compact(&title)).cloned().or(number);
        let mut path: Vec<String> = self.chapter_title.iter().cloned().collect();
        // A chapter entered is its own title: 「第2章 推進」 once, not again as 「第2章推進」.
        if path.last().is_none_or(|last| compact(last) != compact(&title)) {
            path.push(title.clone());
        }
        self.entered = path.len();
        self.current = Section { number, title, path };
        self.changes += 1;
    }

    fn sub(&mut self, heading: String) {
        self.current.path.truncate(self.entered);
        self.current.path.push(heading.replace("**", "").trim().to_string());
        self.changes += 1;
    }
}

/// A chapter line directly followed by another chapter line is an entry of a table of contents.
fn is_table_of_contents(lines: &[Line], i: usize) -> bool {
    let next = lines[i + 1..].iter().map(|l| l.text.as_str()).filter(|t| !t.is_empty()).take(1);
    next.into_iter().any(|t| CHAPTER.is_match(t)) || {
        let prev = lines[..i].iter().rev().map(|l| l.text.as_str()).find(|t| !t.is_empty());
        prev.is_some_and(|t| CHAPTER.is_match(t))
    }
}

/// "1. title", "2. title" ... after line `i`, until the first line of another kind.
fn numbered_list_after(lines: &[Line], i: usize) -> Vec<String> {
    let mut items = Vec::new();
    for line in &lines[i + 1..] {
        if line.text.is_empty() {
            continue;
        }
        match LIST_ITEM.captures(&line.text) {
            Some(c) if c[1].parse::<usize>().ok() == Some(items.len() + 1) => {
                items.push(c[2].replace(' ', ""));
            }
            _ => break,
        }
    }
    items
}

fn next_text(lines: &[Line], i: usize) -> Option<String> {
    lines[i + 1..].iter().map(|l| l.text.clone()).find(|t| !t.is_empty())
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '*').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.split('\n').enumerate().map(|(i, t)| Line::new(i + 1, t)).collect()
    }

    fn label_at(text: &str, needle: &str) -> String {
        let ls = lines(text);
        let secs = sections(&ls, &super::super::roles::Vocabulary::built_in());
        let i = ls.iter().position(|l| l.text.contains(needle)).unwrap();
        secs[i].label()
    }

    #[test]
    fn a_part_with_no_number_ends_the_last_measure() {
        let doc = "施策６　普及啓発\n内容：セミナーを開きます。\n\n資料編\n\n表Ａ－１　成果指標\n";
        assert_eq!(label_at(doc, "内容"), "施策6 普及啓発");
        assert_eq!(label_at(doc, "表A-1"), "資料編");
        // The word inside a sentence or a longer title is no part.
        let doc = "施策６　普及啓発\n資料編を参照してください。\n";
        assert_eq!(label_at(doc, "参照"), "施策6 普及啓発");
    }

    #[test]
    fn komoro_style_bracketed_numbers() {
        let doc = "【施策 6-4】\n\n市税収入をはじめとする自主財源の安定的な確保を図ります\n\n主管課:税務課\n";
        assert_eq!(label_at(doc, "主管課"), "6-4 市税収入をはじめとする自主財源の安定的な確保を図ります");
    }

    #[test]
    fn ishioka_style_kihon_shisaku() {
        let doc = "# 基本施策1 組織・人材マネジメントの充実\n\n成果指標\t基準値\n## 基本施策2 経営\nx\n### **基本施策3 課題分析に基づく政策立案の推進**\ny";
        assert_eq!(label_at(doc, "成果指標"), "基本施策1 組織・人材マネジメントの充実");
        assert_eq!(label_at(doc, "y"), "基本施策3 課題分析に基づく政策立案の推進");
    }

    #[test]
    fn zenki_style_daikomoku_inside_a_chapter_after_a_table_of_contents() {
        let doc = "## 第6章 行財政経営分野\n\n### 市民の信頼に応える\n\n第1章 健康\n\n第2章 教育\n\n施策大項目\n\n2\n\n# 効率的・効果的な行政経営の推進\n\n| 成果指標 |";
        assert_eq!(label_at(doc, "| 成果指標"), "6-2 効率的・効果的な行政経営の推進");
    }

    #[test]
    fn kouki_style_listed_blocks_without_titles() {
        let doc = "第 6 章 行財政経営分野\n\n施策大項目と関連するSDGs\n\n1. 市政情報の提供\n\n2. 行政のデジタル化の推進\n\nめざす姿\n\na\n\nめざす姿\n\n成果指標\t現状値\t目標値";
        assert_eq!(label_at(doc, "成果指標"), "6-2 行政のデジタル化の推進");
    }

    #[test]
    fn headings_numbered_with_points() {
        let doc = "Chapter 1　戦略の基本的事項\n1.1　策定の趣旨\n本文\n1.2　戦略の期間\n令和７年度から令和16年度まで\n1.2 倍に増えました。\n2.3.1　外来種対策\nx";
        assert_eq!(label_at(doc, "令和7年度"), "1.2 戦略の期間");
        assert_eq!(label_at(doc, "倍に増え"), "1.2 戦略の期間");
        assert_eq!(label_at(doc, "x"), "2.3.1 外来種対策");
    }

    #[test]
    fn numbered_subheadings_replace_each_other() {
        let doc = "白鷺村地域福祉計画\n（１）見守り\n本文\n（２）居場所づくり\n本文二\n第２章　推進\n（１）体制\n（２）評価\nx";
        let ls = lines(doc);
        let secs = sections(&ls, &super::super::roles::Vocabulary::built_in());
        assert_eq!(secs[4].path, ["(2)居場所づくり"]);
        assert_eq!(secs[8].path, ["第2章 推進", "(2)評価"]);
    }

    #[test]
    fn a_level_word_numbered_in_brackets_is_a_subheading() {
        let text = "●基本目標２　安心して暮らせるまち\n○重点施策（１）防犯灯の整備\n本文です。\n○重点施策（２）見守り活動の支援\n本文です。";
        let lines = lines(text);
        let sections = sections(&lines, &crate::ingest::roles::Vocabulary::built_in());
        assert_eq!(sections[2].number.as_deref(), Some("基本目標2"));
        assert_eq!(sections[2].path.last().map(String::as_str), Some("重点施策(1)防犯灯の整備"));
        assert_eq!(sections[4].path.last().map(String::as_str), Some("重点施策(2)見守り活動の支援"));
        assert_eq!(sections[4].path.len(), 2);
    }

    #[test]
    fn table_rows_are_not_sub_headings() {
        let doc = "【施策 6-2】\n\n行政経営を推進します\n\n(1)\t指標名\t人口の社会増減数\n\n◆主な事業";
        let ls = lines(doc);
        let secs = sections(&ls, &super::super::roles::Vocabulary::built_in());
        assert_eq!(secs.last().unwrap().path, ["行政経営を推進します"]);
    }

    #[test]
    fn declared_numbers_win() {
        let doc = "施策大項目\n\n# 4\n\n## 電子自治体の推進\n\nx\n\n### 6-4 電子自治体の推進";
        assert_eq!(label_at(doc, "x"), "6-4 電子自治体の推進");
    }
}
