//! Text normalization applied at ingest (never to the stored documents) and to questions.
//!
//! One function per concern, composed by [`line`]: NFKC, the CJK-radical letters that NFKC
//! leaves alone, markup and footnote marks, and the letter-by-letter spacing of PDF text.

use once_cell::sync::Lazy;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// CJK Radicals Supplement (U+2E80–U+2EFF) letters that PDF extraction emits for ordinary
/// kanji. NFKC maps the Kangxi radicals (U+2F00–) but not these, so ⺠ would stay ⺠.
const RADICALS: &[(char, char)] = &[
    ('\u{2E8C}', '小'),
    ('\u{2E8D}', '小'),
    ('\u{2E97}', '心'),
    ('\u{2E98}', '手'),
    ('\u{2E99}', '攴'),
    ('\u{2E9B}', '旡'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA4}', '爪'),
    ('\u{2EA8}', '犬'),
    ('\u{2EAA}', '疋'),
    ('\u{2EAE}', '竹'),
    ('\u{2EB7}', '羊'),
    ('\u{2EBB}', '聿'),
    ('\u{2EBC}', '肉'),
    ('\u{2EBE}', '艸'),
    ('\u{2EBF}', '艸'),
    ('\u{2EC0}', '艸'),
    ('\u{2EC1}', '虎'),
    ('\u{2EC4}', '西'),
    ('\u{2EC6}', '角'),
    ('\u{2ECC}', '辵'),
    ('\u{2ECD}', '辵'),
    ('\u{2ECF}', '邑'),
    ('\u{2ED1}', '長'),
    ('\u{2ED6}', '阜'),
    ('\u{2ED8}', '青'),
    ('\u{2EDD}', '食'),
    ('\u{2EDF}', '食'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEB}', '斉'),
    ('\u{2EED}', '歯'),
    ('\u{2EEF}', '竜'),
    ('\u{2EF2}', '亀'),
    ('\u{2EF3}', '亀'),
];

static SUP: Lazy<Regex> = Lazy::new(|| Regex::new(r"<sup>[^<]*</sup>|\^\{[^}]*\}").unwrap());
static TAGS: Lazy<Regex> = Lazy::new(|| Regex::new(r"</?(?:b|strong|em|i|u)>").unwrap());
static BR: Lazy<Regex> = Lazy::new(|| Regex::new(r"<br\s*/?>").unwrap());
static FOOTNOTE: Lazy<Regex> = Lazy::new(|| Regex::new(r"\s*\[\*\]|\\\*|\*+|※").unwrap());
/// A footnote mark with its number right after a figure ("86.4※1", "83.2%*2", "62か所※1"): the number is
/// the note's, not the figure's, so it goes with the mark (else 86.4※1 reads as 86.41). A space
/// after the mark ends it: in "13.0%※ 16.8%" the 16.8 is the next cell's figure.
static FIGURE_NOTE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(\d(?:%|[^\s\d※*。、,.()]{1,4})?)\s*(?:※|\*)\d{1,2}\b").unwrap());
/// A note mark in brackets right after a figure ("59.9(注)", "30件(注2)"), as converters glue it
/// to the cell: the mark is the note's, not the figure's.
static FIGURE_NOTE_BRACKET: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(\d(?:%|[^\s\d※*。、,.()]{1,4})?)\(注\d{0,2}\)").unwrap());
static SPACES: Lazy<Regex> = Lazy::new(|| Regex::new(r" {2,}").unwrap());
static GAPS: Lazy<Regex> = Lazy::new(|| Regex::new(r" {2,}").unwrap());

/// Normalizes one line of a document or a question. Tabs survive (they separate table cells);
/// `<br>` becomes a space, because in table cells it separates a name from its description.
pub fn line(raw: &str) -> String {
    line_of(read(raw))
}

/// The two-character slices of `text`, borrowed.
pub fn bigrams(text: &str) -> impl Iterator<Item = &str> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    (0..bounds.len().saturating_sub(2)).map(move |i| &text[bounds[i]..bounds[i + 2]])
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

/// Whether a letter is a kanji of the CJK Unified Ideographs block (not 々, not the extensions).
pub fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether a letter is a letter of a noun compound as plans write them: a kanji, a katakana or
/// the long-vowel mark (汚水処理人口普及率, 人口ビジョン), not kana of a particle or a verb.
pub fn is_compound_letter(c: char) -> bool {
    is_kanji(c) || is_katakana(c)
}

/// Whether a letter is katakana or the long-vowel mark katakana words write (ー).
pub fn is_katakana(c: char) -> bool {
    ('ァ'..='ヺ').contains(&c) || c == 'ー'
}

/// Whether a letter is hiragana (ぁ … ゖ; not the marks ゛゜ゝゞ).
pub fn is_hiragana(c: char) -> bool {
    ('ぁ'..='ゖ').contains(&c)
}

/// The text outside its round brackets (「産業振興課（林務係）」 → 「産業振興課」, 「移住者数(累計)」
/// → 「移住者数」); an unclosed bracket hides the rest.
pub fn outside_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut outside = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
}

/// The display width of a text: a wide letter counts two.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Inline math of a PDF-to-Markdown converter (「$82.4 \%$」「$4.6 \mathrm{mg} / \mathrm{L}$」,
/// digits spaced 「$2 1 . 8$」), on one line.
static INLINE_MATH: Lazy<Regex> = Lazy::new(|| Regex::new(r"\$([^$\n]{1,120})\$").unwrap());
/// Commands of such math that only set a font: their argument is the text.
static MATH_FONT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\\(?:mathrm|text|mathbf|mathit|operatorname|textrm)\s*\{([^{}]*)\}").unwrap());

/// A glyph a PDF's font gave no letter for, as pdfminer writes it: 「(cid:737)」.
static CID: Lazy<Regex> = Lazy::new(|| Regex::new(r"\s*\(cid:\d+\)\s*").unwrap());
/// A reviewer's comment of a Word draft as pandoc writes it: 「[text]{.comment-start id=… author=…}」
/// before the commented text and 「[]{.comment-end id=…}」 after it.
static COMMENT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\[[^\[\]]*\]\{\.comment-start[^}]*\}|\[\]\{\.comment-end[^}]*\}").unwrap());

/// A line as a converter should have written it: the escape of a carriage return that a
/// spreadsheet library writes into a cell (「_x000D_」, the line break after it is kept), and
/// inline math turned back into text (「$82.4 \%$」 → 「82.4%」, 「$\mathrm{~km}^{2}$」 → 「km2」,
/// 「$\rightarrow$」 → 「→」). Math
/// without a digit or a command (a price in dollars) is left as it is.
pub fn converted(line: &str) -> std::borrow::Cow<'_, str> {
    let mut out = std::borrow::Cow::Borrowed(line);
    if out.contains("_x000D_") {
        out = std::borrow::Cow::Owned(out.replace("_x000D_", ""));
    }
    // A reviewer's comment is no text of the plan (「[R5は11,020千円]{.comment-start …}8,460」).
    if out.contains("{.comment-") {
        out = std::borrow::Cow::Owned(COMMENT.replace_all(&out, "").into_owned());
    }
    // A glyph with no letter between two figures is the arrow from one to the other (「46.8％
    // (cid:737) 60％以上」); elsewhere (a list's mark) it is left out.
    if out.contains("(cid:") {
        let replaced = CID.replace_all(&out, |c: &regex::Captures| {
            let (start, end) = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            let (before, after) = (&out[..start], &out[end..]);
            let figure_before =
                before.trim_end().chars().rev().take(4).any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch));
            let figure_after = after.starts_with(|ch: char| ch.is_ascii_digit() || ('０'..='９').contains(&ch));
            if figure_before && figure_after {
                " → ".to_string()
            } else if before.is_empty() || after.is_empty() {
                String::new()
            } else {
                " ".to_string()
            }
        });
        out = std::borrow::Cow::Owned(replaced.into_owned());
    }
    if out.contains('$') {
        let replaced = INLINE_MATH.replace_all(&out, |c: &regex::Captures| {
            let inner = &c[1];
            if !inner.contains('\\') && !inner.chars().any(|ch| ch.is_ascii_digit()) {
                return c[0].to_string();
            }
            let text = MATH_FONT.replace_all(inner, "$1");
            let text = [
                ("\\%", "%"),
                ("\\rightarrow", "→"),
                ("\\to", "→"),
                ("\\sim", "～"),
                ("\\times", "×"),
                ("\\leqq", "≦"),
                ("\\geqq", "≧"),
                ("\\leq", "≦"),
                ("\\geq", "≧"),
                ("\\pm", "±"),
                ("\\cdot", "・"),
                ("\\,", ""),
                ("\\;", ""),
                ("~", ""),
            ]
            .iter()
            .fold(text.into_owned(), |t, (from, to)| t.replace(from, to));
            // 「$2 1 . 8$」: the spaces of math are no text's, nor its braces and script marks.
            text.chars().filter(|ch| !ch.is_whitespace() && !"{}^_".contains(*ch)).collect::<String>()
        });
        if let std::borrow::Cow::Owned(o) = replaced {
            out = std::borrow::Cow::Owned(o);
        }
    }
    out
}

/// The lines of a revision printed 見え消し, as revised: text marked deleted (「〔削除：40ｇ〕」)
/// is left out and text marked added (「〔追加：36ｇ〕」) is kept without its marks, also where a
/// mark spans lines. Brackets 〔〕 or ［］, the colon full-width or not. Lines stay where they are.
pub fn revisions<'a>(lines: &[&'a str]) -> Vec<std::borrow::Cow<'a, str>> {
    const MARKS: [(char, char); 2] = [('〔', '〕'), ('［', '］')];
    const OPENINGS: [&str; 4] = ["〔削除", "〔追加", "［削除", "［追加"];
    if !lines.iter().any(|l| OPENINGS.iter().any(|o| l.contains(o))) {
        return lines.iter().map(|l| std::borrow::Cow::Borrowed(*l)).collect();
    }
    // Inside a mark: whether its text is deleted, and the bracket that closes it.
    let mut inside: Option<(bool, char)> = None;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut text = String::with_capacity(line.len());
        let mut rest = *line;
        while let Some(c) = rest.chars().next() {
            if let Some((deleted, close)) = inside {
                if c == close {
                    inside = None;
                } else if !deleted {
                    text.push(c);
                }
                rest = &rest[c.len_utf8()..];
                continue;
            }
            let opened = MARKS.iter().find_map(|&(open, close)| {
                let after = rest.strip_prefix(open)?;
                let (deleted, after) = match after {
                    a if a.starts_with("削除") => (true, &a["削除".len()..]),
                    a if a.starts_with("追加") => (false, &a["追加".len()..]),
                    _ => return None,
                };
                let after = after.strip_prefix(['：', ':'])?;
                Some((deleted, close, after))
            });
            match opened {
                Some((deleted, close, after)) => {
                    inside = Some((deleted, close));
                    rest = after;
                }
                None => {
                    text.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out.push(if text == *line { std::borrow::Cow::Borrowed(*line) } else { std::borrow::Cow::Owned(text) });
    }
    out
}

/// A raw line as the reader reads it before cutting it into cells: box rules as pipes, NFKC,
/// markup left out, figures misread by OCR as their digits. [`line`] and [`gap_cells`] both start
/// from it; [`super::Line::new`] reads it once for both.
pub fn read(raw: &str) -> String {
    let text = spaced(&box_table(raw));
    match ocr_figures(&text) {
        std::borrow::Cow::Owned(text) => text,
        std::borrow::Cow::Borrowed(_) => text,
    }
}

/// [`line`] of a line already [`read`].
pub fn line_of(text: String) -> String {
    let text = match super::kanji::arabic(&text) {
        std::borrow::Cow::Owned(text) => text,
        std::borrow::Cow::Borrowed(_) => text,
    };
    let text = if is_letter_spaced(&text) { join_spaced_letters(&text) } else { text };
    // Runs of spaces are closed up; most lines have none, and keep their text as it is.
    if !text.contains("  ") {
        let trimmed = text.trim();
        return if trimmed.len() == text.len() { text } else { trimmed.to_string() };
    }
    SPACES.replace_all(text.trim(), " ").into_owned()
}

/// Figures as OCR misreads them, read as the digits they are: a letter O or o for 0 and l or I
/// for 1 inside a figure (「2O人」, 「3l人」, 「l4人」, 「3O8件」) where no Latin word stands around it,
/// and 。 for the decimal point between digits before a unit (「41。7％」).
pub fn ocr_figures(text: &str) -> std::borrow::Cow<'_, str> {
    // Every misreading below stands right beside an ASCII digit: most lines hold none.
    if !misread_beside_digit(text) {
        return text.into();
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |k: Option<&char>| k.is_some_and(|c| c.is_ascii_digit());
    let latin = |k: Option<&char>| k.is_some_and(|c| c.is_ascii_alphabetic());
    let unit_after =
        |k: usize| chars.get(k).is_some_and(|c| !c.is_ascii() || *c == '%') && chars.get(k).is_some_and(|c| *c != '。');
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (k, &c) in chars.iter().enumerate() {
        let before = if k > 0 { chars.get(k - 1) } else { None };
        let after = chars.get(k + 1);
        let as_digit = match c {
            'O' | 'o' | 'l' | 'I' => {
                let inside = digit(before) && (digit(after) || unit_after(k + 1));
                let leading = !latin(before) && !digit(before) && digit(after);
                (inside || leading) && !latin(after) && !latin(if k >= 2 { chars.get(k - 2) } else { None })
            }
            '。' => {
                digit(before)
                    && digit(after)
                    && chars[k + 1..].iter().find(|c| !c.is_ascii_digit()).is_some_and(|c| *c == '%')
            }
            _ => false,
        };
        match (as_digit, c) {
            (true, 'O' | 'o') => out.push('0'),
            (true, 'l' | 'I') => out.push('1'),
            (true, _) => out.push('.'),
            (false, c) => out.push(c),
        }
        changed |= as_digit;
    }
    if changed {
        out.into()
    } else {
        text.into()
    }
}

/// Whether one of the letters [`ocr_figures`] may read as a digit or a point stands right
/// before or after an ASCII digit, which each of its readings needs.
fn misread_beside_digit(text: &str) -> bool {
    // A line without an ASCII digit has none, told by a scan of its bytes.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut before: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = |k: Option<char>| k.is_some_and(|k| k.is_ascii_digit());
        if matches!(c, 'O' | 'o' | 'l' | 'I' | '。') && (digit(before) || digit(chars.peek().copied())) {
            return true;
        }
        before = Some(c);
    }
    false
}

/// Whether a character draws a vertical rule of a box-drawn table (│┃║ and their dashed forms).
fn is_box_vertical(c: char) -> bool {
    matches!(c, '│' | '┃' | '║' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏')
}

/// A table drawn with box characters ("┌──┬──┐", "│指標名│単位│", "├──┼──┤") read as the pipe
/// table it is: its vertical rules are cell separators like "|", and a rule between rows drawn
/// only of box characters ("├──┼──┤") is a rule like "|---|". Other lines keep their box characters: a tree of the
/// plan's structure ("├─基本目標１") is no table.
pub fn box_table(raw: &str) -> std::borrow::Cow<'_, str> {
    let is_box = |c: char| ('\u{2500}'..='\u{257F}').contains(&c);
    // Every box-drawing letter is written in UTF-8 from the byte E2: a line without it (most
    // lines) is told by a byte search instead of decoding each letter.
    if !raw.as_bytes().contains(&0xE2) || !raw.chars().any(is_box) {
        return raw.into();
    }
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace());
    let rule = trimmed.chars().count() >= 3
        && trimmed.chars().all(|c| is_box(c) || c.is_whitespace())
        && trimmed.chars().any(is_horizontal)
        && trimmed.chars().any(|c| is_box(c) && !is_horizontal(c) && !is_corner(c));
    // A rule drawn across the page alone (「─────────」 over and under a table's rows, as
    // pdftotext writes a table's lines) is a rule between rows too: the table goes on under it.
    let across = trimmed.chars().count() >= 20 && trimmed.chars().all(is_horizontal);
    if across {
        return super::grid::SEPARATOR.into();
    }
    if rule {
        return trimmed
            .chars()
            .map(|c| {
                if c.is_whitespace() {
                    ' '
                } else if is_horizontal(c) {
                    '-'
                } else {
                    '|'
                }
            })
            .collect::<String>()
            .into();
    }
    let verticals = raw.chars().filter(|&c| is_box_vertical(c)).count();
    // A frame round text (┃【数値目標】…┃) holds one cell: the text, not a table.
    if verticals == 2 && trimmed.starts_with(is_box_vertical) && trimmed.ends_with(is_box_vertical) {
        return trimmed.trim_matches(is_box_vertical).into();
    }
    if verticals >= 2 {
        return raw.chars().map(|c| if is_box_vertical(c) { '|' } else { c }).collect::<String>().into();
    }
    bars_as_gaps(raw)
}

/// The bars of a schedule (工程表) between a row's name and its department (「Ａ　運営支援
/// ━━━━━━▶　福祉課」): a run of rules, with the arrow that ends it, is the gap between two
/// cells, as wide as it is drawn. A line of rules alone, or rules without text on both sides
/// (「━━ 実施」 in a legend), is left as it is.
fn bars_as_gaps(raw: &str) -> std::borrow::Cow<'_, str> {
    const BAR_ENDS: &[char] = &['▶', '▷', '→', '>'];
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| is_horizontal(**c) || BAR_ENDS.contains(c)).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let bars = chars[i..i + run].iter().filter(|c| is_horizontal(**c)).count();
        let between = bars >= 3
            && chars[..i].iter().any(|c| c.is_alphanumeric())
            && chars[i + run..].iter().any(|c| c.is_alphanumeric());
        if between {
            out.extend(std::iter::repeat_n(' ', 2 * run + 2));
            changed = true;
        } else {
            out.extend(&chars[i..i + run]);
        }
        i += run;
    }
    if changed {
        out.into()
    } else {
        raw.into()
    }
}

/// Corners close a box above or below; a rule between rows has junctions (┼ ├ ┬ …) too.
fn is_corner(c: char) -> bool {
    matches!(
        c,
        '┌' | '┐'
            | '└'
            | '┘'
            | '┏'
            | '┓'
            | '┗'
            | '┛'
            | '╔'
            | '╗'
            | '╚'
            | '╝'
            | '╭'
            | '╮'
            | '╯'
            | '╰'
    )
}

fn is_horizontal(c: char) -> bool {
    matches!(c, '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍')
}

/// A word of two or three kanji spaced out by ideographic spaces to fill a narrow column
/// (「部　門」「合　計」「増　減」), written whole: the space between its letters is as wide as a
/// column gap. Only where the word stands alone between gaps (or the line's ends, or before a
/// colon: a label spread to the width of the others, 「現　状：」), so two cells of one kanji each
/// apart by a wider gap stay two.
pub fn spaced_words(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('\u{3000}') {
        return raw.into();
    }
    let chars: Vec<char> = raw.chars().collect();
    let han = |c: &char| is_kanji(*c);
    let blank = |at: usize| chars.get(at).is_none_or(|c| *c == '\u{3000}' || *c == ' ');
    let mut out = String::with_capacity(raw.len());
    let mut at = 0;
    while at < chars.len() {
        // The last letter of a run 「X　Y」 or 「X　Y　Z」 of single kanji starting at `at`.
        let mut end = at;
        while han(&chars[at]) && chars.get(end + 1) == Some(&'\u{3000}') && chars.get(end + 2).is_some_and(han) {
            end += 2;
        }
        let letters = (end - at) / 2 + 1;
        // (Or a label spread before its colon: 「現　状：42.8％」「目　標：50.0％」.)
        let labelled = chars.get(end + 1).is_some_and(|c| *c == '：' || *c == ':');
        let alone = (at == 0 || blank(at - 1)) && (blank(end + 1) || labelled);
        if (2..=3).contains(&letters) && alone {
            out.extend(chars[at..=end].iter().filter(|c| **c != '\u{3000}'));
            at = end + 1;
        } else if letters > 3 {
            // Longer spaced text is letter-spaced prose, left whole to the letter-spacing reader.
            out.extend(&chars[at..=end]);
            at = end + 1;
        } else {
            out.push(chars[at]);
            at += 1;
        }
    }
    out.into()
}

/// NFKC and markup removed, but runs of spaces kept: they are the column gaps of tables aligned
/// by spaces. An ideographic space (U+3000) counts as a gap of two, since NFKC would make it one.
fn spaced(raw: &str) -> String {
    let raw: std::borrow::Cow<'_, str> =
        if raw.contains('\u{3000}') { raw.replace('\u{3000}', "  ").into() } else { raw.into() };
    strip_markup(nfkc(&raw))
}

/// The cells of a line whose columns are aligned by runs of spaces (or ideographic spaces):
/// "項目    現状値    目標値". Empty when the line has no such gap.
pub fn gap_cells(raw: &str) -> Vec<String> {
    if !has_gaps(raw) {
        return Vec::new();
    }
    cells_of(&read(raw))
}

/// Whether a raw line has a gap of two spaces or an ideographic space: only such a line may be
/// cut into [`gap_cells`].
pub fn has_gaps(raw: &str) -> bool {
    raw.contains("  ") || raw.contains('\u{3000}')
}

/// [`gap_cells`] of a line already [`read`] (whose raw form [`has_gaps`]).
pub fn cells_of(text: &str) -> Vec<String> {
    if text.contains('\t') || text.trim_start().starts_with('|') {
        return Vec::new();
    }
    let cells: Vec<String> = GAPS
        .split(text.trim())
        .map(|cell| {
            let cell = if is_letter_spaced(cell) || cell.split(' ').all(|p| p.chars().count() <= 1) {
                join_letters(cell)
            } else {
                cell.to_string()
            };
            SPACES.replace_all(cell.trim(), " ").into_owned()
        })
        .filter(|c| !c.is_empty())
        .flat_map(split_glued)
        .collect();
    if cells.len() >= 2 {
        cells
    } else {
        Vec::new()
    }
}

/// A piece of a line aligned by spaces, between gaps of two spaces or more (the cells of
/// [`gap_cells`]): the display column where it starts (a wide character counts two, an
/// ideographic space two), and the column of each letter that follows a single space inside it
/// (「累計 46件（R2～R6） 累計 120件」 is one piece with two such letters, where a cell that filled
/// its column may run into the next).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapPiece {
    pub start: usize,
    pub inner_spaces: Vec<usize>,
}

/// The pieces of a raw line, one scan, so a header line with fewer cells (「（令和２年度）」 under
/// one column of three) can be aligned by position. Empty when they are not `cells` one for one
/// (letters joined, glued figures split) or the line has tabs: no positions then.
pub fn gap_pieces(raw: &str, cells: usize) -> Vec<GapPiece> {
    if cells == 0 {
        return Vec::new();
    }
    let mut out: Vec<GapPiece> = Vec::new();
    let mut column = 0;
    let mut spaces = 0;
    let mut in_piece = false;
    for c in raw.chars() {
        let (blank, width) = match c {
            ' ' => (true, 1),
            '\u{3000}' => (true, 2),
            '\t' => return Vec::new(),
            c => (false, if c.is_ascii() { 1 } else { 2 }),
        };
        if blank {
            spaces += width;
            if spaces >= 2 {
                in_piece = false;
            }
        } else {
            if !in_piece {
                out.push(GapPiece { start: column, inner_spaces: Vec::new() });
                in_piece = true;
            } else if spaces == 1 {
                if let Some(piece) = out.last_mut() {
                    piece.inner_spaces.push(column);
                }
            }
            spaces = 0;
        }
        column += width;
    }
    if out.len() == cells {
        out
    } else {
        Vec::new()
    }
}

/// The column of each non-empty cell of a tab-separated line, counted on the raw line: the line's
/// text loses its leading and trailing empty cells with its white space, so a second header line
/// 「\t（令和５年度）\t\t」 would otherwise not say which column its year stands under.
pub fn tab_columns(raw: &str) -> Vec<usize> {
    raw.trim_end_matches(['\r', '\n'])
        .split('\t')
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// Two figures of one unit whose column gap vanished because the first filled its column
/// ("2,140人2,140人"): two cells.
fn split_glued(cell: String) -> Vec<String> {
    static GLUED: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(\d[\d,]*(?:\.\d+)?)(\D{1,3}?)(\d[\d,]*(?:\.\d+)?)(\D{1,3})$").unwrap());
    match GLUED.captures(&cell) {
        Some(c) if c[2] == c[4] && !c[2].contains([' ', '.', ',', '~', '-']) => {
            vec![format!("{}{}", &c[1], &c[2]), format!("{}{}", &c[3], &c[4])]
        }
        _ => vec![cell],
    }
}

fn is_figure_with_unit(piece: &str) -> bool {
    piece.starts_with(|c: char| c.is_ascii_digit())
        && piece.chars().last().is_some_and(|c| !c.is_ascii_digit() && !"-,.(".contains(c))
        && piece.chars().count() <= 8
}

/// [`join_letters`] for a whole letter-spaced line, keeping a space where the text had a gap of
/// two or more (a column gap) and between two pieces of several letters ("5箇所 7箇所").
fn join_spaced_letters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = 0;
    let mut previous: Option<&str> = None;
    for piece in text.split(' ') {
        if piece.is_empty() {
            gap += 1;
            continue;
        }
        if let Some(p) = previous {
            let latin = p.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                && piece.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
            let words = p.chars().count() > 1 && piece.chars().count() > 1;
            // A dash cell ("-") and a figure with its unit ("5箇所") stand apart from the next cell.
            let cell_end = p == "-" || is_figure_with_unit(p);
            if gap >= 1 || latin || words || cell_end {
                out.push(' ');
            }
        }
        out.push_str(piece);
        previous = Some(piece);
        gap = 0;
    }
    out
}

/// A question or any free text: [`line`], with tabs and newlines folded to spaces.
pub fn text(raw: &str) -> String {
    line(&raw.replace(['\t', '\n', '\r'], " "))
}

/// NFKC plus the radical letters NFKC leaves alone, and control characters removed.
/// Circled numbers become "(1)" rather than NFKC's bare "1", which would glue onto a name.
pub fn nfkc(raw: &str) -> String {
    // Most lines are already NFKC and free of the letters below: skip the work for them.
    let special =
        |c: char| matches!(c, '\u{2460}'..='\u{2473}' | '\u{2E80}'..='\u{2EFF}') || (c.is_control() && c != '\t');
    if plainly_nfkc(raw)
        || unicode_normalization::is_nfkc_quick(raw.chars()) == unicode_normalization::IsNormalized::Yes
            && !raw.chars().any(special)
    {
        return raw.to_string();
    }
    // Full-width ASCII and the ideographic space are most of what NFKC changes in Japanese text.
    // Writing them as NFKC does first changes nothing NFKC makes of the line (it begins by so
    // decomposing every letter), and often leaves a line with nothing more to do (issue 12).
    // Sized once: a mapped letter is never longer than the one it replaces.
    let mut mapped = String::with_capacity(raw.len());
    mapped.extend(raw.chars().map(|c| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }));
    if plainly_nfkc(&mapped)
        || unicode_normalization::is_nfkc_quick(mapped.chars()) == unicode_normalization::IsNormalized::Yes
            && !mapped.chars().any(special)
    {
        return mapped;
    }
    let mut circled = String::with_capacity(mapped.len() + 8);
    for c in mapped.chars() {
        match c {
            '\u{2460}'..='\u{2473}' => circled.push_str(&format!("({})", c as u32 - 0x2460 + 1)),
            c => circled.push(c),
        }
    }
    circled
        .nfkc()
        .map(|c| RADICALS.iter().find(|(r, _)| *r == c).map_or(c, |(_, k)| *k))
        .filter(|c| !c.is_control() || *c == '\t')
        .collect()
}

/// Whether every letter is one of the commonest of Japanese text that NFKC leaves as it is
/// (printable ASCII, kana, the unified ideographs, the usual punctuation and brackets): then the
/// text is NFKC without the table look-ups of the general check, which cost a fifth of ingest.
/// Tabs (cell separators), ※, box drawing, geometric shapes (■◆○▶), the plain arrows and 〔〕
/// are in the set too: a sixth of the lines of real plans hold one of them (issue 12).
fn plainly_nfkc(text: &str) -> bool {
    text.chars().all(plain_letter)
}

fn plain_letter(c: char) -> bool {
    // Ideographs, kana and ASCII, most of every line, are told first.
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FE}' | ' '..='~')
        || matches!(c,
            '\t'
            | '\u{2015}'
            | '\u{203B}'
            | '\u{2190}'..='\u{2199}'
            | '\u{21D2}'
            | '\u{2500}'..='\u{25FF}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3005}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{3015}')
}

/// Markdown emphasis, ruby and footnote marks, HTML line breaks.
fn strip_markup(text: String) -> String {
    let text = if text.contains("(注") { without_marks(&FIGURE_NOTE_BRACKET, &text) } else { text };
    if !text.contains(['<', '^', '*', '※', '[', '\\']) {
        return text;
    }
    let text = text.as_str();
    // Each pattern runs only on text holding the letter it needs (most lines with a * or ※ hold
    // no tag): the same result without five passes over every such line (issue 12).
    let text: std::borrow::Cow<'_, str> =
        if text.contains("<sup>") || text.contains("^{") { SUP.replace_all(text, "") } else { text.into() };
    let text = if text.contains('<') { TAGS.replace_all(&text, "").into_owned().into() } else { text };
    let text: std::borrow::Cow<'_, str> =
        if text.contains("<br") { BR.replace_all(&text, " ").into_owned().into() } else { text };
    let text: std::borrow::Cow<'_, str> =
        if numbered_note(&text) { without_marks(&FIGURE_NOTE, &text).into() } else { text };
    if text.contains(['※', '*', '\\']) {
        without_marks(&FOOTNOTE, &lone_notes(&text))
    } else {
        text.into_owned()
    }
}

/// A note mark that stands alone with its number, as a cell or at the head of a note (「|*2|」,
/// 「*2 最終評価時に…」), written 注2: it refers to the note, and taking the mark away as from
/// 「86.4※1」 would leave the note's number as a figure.
fn lone_notes(text: &str) -> std::borrow::Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let apart = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || *c == '|');
    // Before the mark: the line's start, a cell's bar or a column's gap of two spaces (a mark
    // one space after a figure, 「45.2 ※1」, is that figure's).
    let opens = |k: usize| {
        k == 0
            || chars[k - 1] == '|'
            || chars[..k].iter().rev().take_while(|c| c.is_whitespace()).count() >= 2
            || chars[..k].iter().all(|c| c.is_whitespace())
    };
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (k, &c) in chars.iter().enumerate() {
        let digits = chars[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let lone = matches!(c, '*' | '※') && opens(k) && (1..=2).contains(&digits) && apart(chars.get(k + 1 + digits));
        out.push(if lone { '注' } else { c });
        changed |= lone;
    }
    if changed {
        out.into()
    } else {
        text.into()
    }
}

/// The text with the marks `pattern` matches taken out (what its first group holds, the figure
/// before a mark, is kept). A mark between a figure and a comma leaves a space: 「38※2,120」 is
/// two cells, 38 and 120, not 38,120.
fn without_marks(pattern: &Regex, text: &str) -> String {
    pattern
        .replace_all(text, |caps: &regex::Captures<'_>| {
            let kept = caps.get(1).map_or("", |m| m.as_str());
            let end = caps.get(0).map_or(0, |m| m.end());
            let before = caps.get(0).map_or(0, |m| m.start());
            let figure = kept.ends_with(|c: char| c.is_ascii_digit())
                || kept.is_empty() && text[..before].ends_with(|c: char| c.is_ascii_digit());
            let comma = text[end..].starts_with(',');
            format!("{kept}{}", if figure && comma { " " } else { "" })
        })
        .into_owned()
}

/// Whether a ※ or * is followed by a number, white space apart: what [`FIGURE_NOTE`] needs,
/// found without the regex, whose word boundary makes it slow on every line with a mark.
fn numbered_note(text: &str) -> bool {
    text.match_indices(['※', '*'])
        .any(|(at, mark)| text[at + mark.len()..].trim_start().starts_with(super::value::is_numeric))
}

/// PDF text with a space after nearly every letter: most space-separated pieces are one letter.
pub fn is_letter_spaced(text: &str) -> bool {
    let (mut pieces, mut single) = (0, 0);
    for piece in text.split(' ').filter(|p| !p.is_empty()) {
        pieces += 1;
        if piece.chars().count() == 1 {
            single += 1;
        }
    }
    pieces >= 6 && single * 10 >= pieces * 6
}

/// Drops the spaces of letter-spaced text, except between two Latin words or numbers
/// ("ICT 機器" → "ICT機器", but "Evidence based" stays two words).
fn join_letters(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = chars[..i].iter().rev().find(|c| **c != ' ');
            let after = chars[i + 1..].iter().find(|c| **c != ' ');
            let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(before) && latin(after) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// A name or title with the gaps left by line breaks and removed footnote marks closed up,
/// keeping the gap between two Latin words ("市政情報の提供の充実と 市政に対する" → one word).
pub fn tighten(text: &str) -> String {
    join_letters(text.trim())
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_converters_leave_reads_as_text() {
        use super::converted;
        assert_eq!(converted(r"普及率は $82.4 \%$（令和５年度末）"), "普及率は 82.4%（令和５年度末）");
        assert_eq!(converted(r"| $4.6 \mathrm{mg} / \mathrm{L}$ | $2 1 . 8$ |"), "| 4.6mg/L | 21.8 |");
        assert_eq!(converted(r"約 $64.2 \mathrm{~km}^{2}$ と $5.4 \rightarrow$"), "約 64.2km2 と 5.4→");
        assert_eq!(converted("\"基準値_x000D_"), "\"基準値");
        // A reviewer's comment that pandoc kept is left out, the commented text kept.
        assert_eq!(
            converted(
                r#"被害額  [R5は11,020千円]{.comment-start id="4" author="小松" date="2025-01-20T13:31:00Z"}8,460[]{.comment-end id="4"}  4,000"#
            ),
            "被害額  8,460  4,000"
        );
        // A glyph without a letter: an arrow between two figures, else nothing.
        assert_eq!(converted("(cid:7555) 指定件数　　６件 (cid:737) 12件"), "指定件数　　６件 → 12件");
        // No digit and no command: a price or a sign, left alone.
        assert_eq!(converted("US$ and $x$"), "US$ and $x$");
    }

    use super::*;

    #[test]
    fn the_text_outside_its_brackets() {
        assert_eq!(outside_brackets("産業振興課（林務係）"), "産業振興課");
        assert_eq!(outside_brackets("新規漁業就業者数(5年間の(延べ)累計)人"), "新規漁業就業者数人");
        assert_eq!(outside_brackets("閉じ)括弧だけ"), "閉じ括弧だけ");
        assert_eq!(outside_brackets("開いたまま(残り"), "開いたまま");
    }

    #[test]
    fn only_a_letter_beside_a_digit_is_looked_at_as_a_misread_figure() {
        for text in ["2O人", "3l人", "l4人", "41。7%", "Ol", "目標。100", "ol 2", "Io2", "。。", "人口は3,000人。"]
        {
            let changed = matches!(ocr_figures(text), std::borrow::Cow::Owned(_));
            assert!(!changed || misread_beside_digit(text), "{text}");
        }
        assert!(misread_beside_digit("2O人") && !misread_beside_digit("Olympic 2026") && !misread_beside_digit("了。"));
    }

    #[test]
    fn a_note_mark_alone_is_kept_as_a_note() {
        assert_eq!(lone_notes("|歯周炎の割合|58.4%|*1|*2|"), "|歯周炎の割合|58.4%|注1|注2|");
        assert_eq!(lone_notes("*2 最終評価時に"), "注2 最終評価時に");
        assert_eq!(lone_notes("86.4※1 と 30件*2"), "86.4※1 と 30件*2");
        assert_eq!(lone_notes("45.2 ※1  60.0"), "45.2 ※1  60.0");
    }

    #[test]
    fn figures_misread_by_ocr() {
        assert_eq!(ocr_figures("重傷者数 2O人以下"), "重傷者数 20人以下");
        assert_eq!(ocr_figures("死者は計l4人、3l人、3O8件"), "死者は計14人、31人、308件");
        assert_eq!(ocr_figures("安全だと思う人は41。7%です。7月に"), "安全だと思う人は41.7%です。7月に");
        // Latin words and ordinary sentence ends are left alone.
        for text in ["CO2排出量", "IoT機器を10台", "Excel形式", "12件。3月には", "html5対応", "l-グルタミン"]
        {
            assert_eq!(ocr_figures(text), text);
        }
    }

    #[test]
    fn the_fast_path_letters_are_those_nfkc_leaves_alone() {
        // The fast path of nfkc must answer as the general check would: every letter of its set
        // is NFKC-stable, a starter (it composes with nothing before or after it), not special.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| plain_letter(c)) {
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s, "{c:?} changes under NFKC");
            assert_eq!(
                unicode_normalization::is_nfkc_quick(s.chars()),
                unicode_normalization::IsNormalized::Yes,
                "{c:?} is not plainly NFKC"
            );
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{c:?} combines");
            assert_eq!(nfkc(&s), s);
        }
    }

    #[test]
    fn a_revision_printed_struck_out_is_read_as_revised() {
        let lines = [
            "令和12年度までに〔削除：40ｇ〕〔追加：36ｇ〕に削減します。",
            "〔追加：目標４　協力店の登録店舗数",
            "　150店舗に増やします。〕",
            "〔削除：目標５　食べ残し率",
            "　5.0％以下とします。〕",
            "［削除:旧］本文（削除しない）",
        ];
        let revised: Vec<String> = revisions(&lines).into_iter().map(|l| l.into_owned()).collect();
        assert_eq!(
            revised,
            [
                "令和12年度までに36ｇに削減します。",
                "目標４　協力店の登録店舗数",
                "　150店舗に増やします。",
                "",
                "",
                "本文（削除しない）"
            ]
        );
        let plain = ["削除と追加の手続き", "〔注〕"];
        assert!(revisions(&plain).iter().all(|l| matches!(l, std::borrow::Cow::Borrowed(_))));
    }

    #[test]
    fn the_bars_of_a_schedule_are_gaps() {
        let line = "Ａ　運営支援　┅┅┅━━━━━━▶　福祉課";
        assert_eq!(gap_cells(line).last().map(String::as_str), Some("福祉課"), "{:?}", gap_cells(line));
        assert!(!gap_cells(line).iter().any(|c| c.contains(['━', '┅', '▶'])));
        // A legend or a rule keeps its characters.
        assert_eq!(box_table("（凡例：━━ 実施　┅┅ 準備）"), "（凡例：━━ 実施　┅┅ 準備）");
        assert_eq!(box_table("━━━━━━━━"), "━━━━━━━━");
        // A rule across a table is a rule between its rows.
        assert_eq!(box_table(&"─".repeat(40)), super::super::grid::SEPARATOR);
    }

    #[test]
    fn box_drawing_tables_frames_and_trees() {
        assert_eq!(line("│施設名　│利用者数│"), "|施設名 |利用者数|");
        assert_eq!(line("├────┼────┤"), "|----|----|");
        assert_eq!(line("╠════╬════╣"), "|----|----|");
        // A frame round a text is the text; its top and bottom edges and a tree stay as they are.
        assert_eq!(line("┃　◆図書館の貸出冊数　┃"), "◆図書館の貸出冊数");
        assert_eq!(line("┌────────┐"), "┌────────┐");
        assert_eq!(line("├─基本目標２　学びのまち"), "├─基本目標2 学びのまち");
    }

    #[test]
    fn two_figures_glued_by_a_full_column_come_apart() {
        assert_eq!(
            gap_cells("　図書の貸出冊数　　　１２，３００冊１３，０００冊　　↗"),
            ["図書の貸出冊数", "12,300冊", "13,000冊", "↗"]
        );
        assert_eq!(gap_cells("　端末の整備　　　1人1台　　済"), ["端末の整備", "1人1台", "済"]);
    }

    #[test]
    fn letters_taken_as_plainly_nfkc_are_nfkc_by_the_unicode_tables() {
        use unicode_normalization::{is_nfkc_quick, IsNormalized};
        for c in (0u32..0x10000).filter_map(char::from_u32).filter(|c| plainly_nfkc(&c.to_string())) {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
            assert_eq!(nfkc(&c.to_string()), c.nfkc().collect::<String>(), "U+{:04X}", c as u32);
        }
        assert_eq!(nfkc("（令和５年度）　目標"), "(令和5年度) 目標");
    }

    #[test]
    fn nfkc_folds_width_and_kangxi_radicals() {
        assert_eq!(line("令和５年度　１００％"), "令和5年度 100%");
        assert_eq!(line("⾏政改⾰⼤綱"), "行政改革大綱");
    }

    #[test]
    fn radical_supplement_letters_become_kanji() {
        assert_eq!(line("市⺠課"), "市民課");
        assert_eq!(line("市⻑"), "市長");
    }

    #[test]
    fn pdf_letter_spacing_is_removed() {
        let raw = " 令 和 ５ 年 度 （ 2023 年 度 ） か ら 令 和 ９ 年 度 （ 2027 年 度 ） ま で";
        assert_eq!(line(raw), "令和5年度(2023年度)から令和9年度(2027年度)まで");
    }

    #[test]
    fn latin_words_in_spaced_text_stay_apart() {
        assert_eq!(line("ICT 機 器 を 活 用 し た Web 会 議"), "ICT機器を活用したWeb会議");
        assert_eq!(line("AI OCR を 使 う 事 務 の 効 率 化"), "AI OCRを使う事務の効率化");
    }

    #[test]
    fn ordinary_lines_keep_their_word_gaps() {
        assert_eq!(line("9 コンビニ交付の普及推進 市⺠課 R5"), "9 コンビニ交付の普及推進 市民課 R5");
        assert_eq!(line("自治会の加入率\t82.31 % ▶▶\t85.00 %"), "自治会の加入率\t82.31 % ▶▶\t85.00 %");
    }

    #[test]
    fn footnote_marks_and_markup_are_dropped() {
        assert_eq!(line("職員提案制度 <sup>※</sup> 件数（年間）"), "職員提案制度 件数(年間)");
        assert_eq!(line("<b>経常収支比率*</b><br>[財政運営]"), "経常収支比率 [財政運営]");
        assert_eq!(line("舵取り^{かじ}を"), "舵取りを");
        assert_eq!(line("ICT\\*の利活用"), "ICTの利活用");
        assert_eq!(line("**23.1%**"), "23.1%");
        assert_eq!(line("職員提案制度 [*] 件数(年間)"), "職員提案制度 件数(年間)");
        // The number of a footnote mark after a figure is the note's: 72.5※2 is 72.5.
        assert_eq!(line("| 下水道の普及率 | 72.5※2 | 80.0 |"), "| 下水道の普及率 | 72.5 | 80.0 |");
        assert_eq!(line("検診の受診率 41.2%※1"), "検診の受診率 41.2%");
        // A bracketed note mark glued to a figure is the note's too; a note in prose stays.
        assert_eq!(line("| 里山の保全面積 | 12.0（注）（R4） | 30件(注2) |"), "| 里山の保全面積 | 12.0(R4) | 30件 |");
        assert_eq!(line("（注）現状値は令和４年度の実績です。"), "(注)現状値は令和4年度の実績です。");
        // Between a figure and a comma a mark leaves a space: two cells, not a thousands comma.
        assert_eq!(line("花壇の数,３８*2,１２０*2,公園課"), "花壇の数,38 ,120 ,公園課");
        assert_eq!(line("花壇の数,38※,120(注),公園課"), "花壇の数,38 ,120 ,公園課");
        let raw = "  指標名    現状値（    目標値";
        let starts = |raw: &str, cells: usize| gap_pieces(raw, cells).iter().map(|p| p.start).collect::<Vec<_>>();
        assert_eq!(starts(raw, gap_cells(raw).len()), [2, 12, 24]);
        assert_eq!(starts("　　（令和２年度）", 1), [4]);
        assert_eq!(gap_pieces("指標  累計 46件（R2～R6） 累計 120件", 2)[1].inner_spaces, [11, 26, 31]);
        assert_eq!(tab_columns("\t（令和５年度）\t\t（R10）\t"), [1, 3]);
        assert_eq!(line("自殺死亡率 13.0%※ 16.8%※ 健康課"), "自殺死亡率 13.0% 16.8% 健康課");
    }

    #[test]
    fn circled_numbers_stay_apart_from_names() {
        assert_eq!(line("①実質赤字比率"), "(1)実質赤字比率");
    }

    #[test]
    fn names_are_tightened() {
        assert_eq!(tighten("職員提案制度 件数(年間)"), "職員提案制度件数(年間)");
        assert_eq!(tighten("AI OCR 導入"), "AI OCR導入");
    }

    #[test]
    fn bigrams_are_borrowed_slices() {
        assert_eq!(bigrams("ab市").collect::<Vec<_>>(), ["ab", "b市"]);
        assert_eq!(bigrams("a").count(), 0);
    }

    #[test]
    fn control_characters_vanish() {
        assert_eq!(text("目標\u{0}は\u{7}？"), "目標は?");
    }
}
