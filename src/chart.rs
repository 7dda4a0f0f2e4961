//! Charts of indicator records as standalone SVG: baseline → target as two bars, or the yearly
//! targets as a line where the plan gives them. Pure (a record in, a string out), so the web
//! page, FAQ pages and Discord images can all draw the same chart.
//!
//! Every piece of document text is XML-escaped here: a plan may contain `<script>`, and the SVG
//! is inserted into pages. Bars start at zero (a truncated bar exaggerates); a line of yearly
//! targets zooms to its own range, because yearly steps are often a few tenths apart.
//!
//! [`png`] rasterizes a chart in-process with resvg and the bundled IPAex Gothic
//! (`vendor/fonts/`), so an image shows its Japanese labels on a machine without Japanese fonts.

use crate::ingest::record::Indicator;
use crate::ingest::value::Value;

pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 200.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 160.0;
const LEFT: f64 = 24.0;
const RIGHT: f64 = WIDTH - 24.0;

/// A chart of one indicator: its shape, a text alternative, and the SVG document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Chart {
    /// `bars` (baseline → target) or `line` (yearly targets).
    pub kind: &'static str,
    /// What the chart shows, in words: the SVG's `<title>` and a screen reader's label.
    pub alt: String,
    pub svg: String,
}

/// The chart of an indicator, or `None` when it has fewer than two numbers in one unit.
pub fn indicator(ind: &Indicator) -> Option<Chart> {
    let yearly: Vec<&Value> = ind.yearly.iter().filter(|v| v.number.is_some()).collect();
    if yearly.len() >= 2 && same_unit(&yearly) {
        return Some(line(ind, &yearly));
    }
    let pair: Vec<(&str, &Value)> = [("現状値", ind.baseline.as_ref()), ("目標値", ind.target.as_ref())]
        .into_iter()
        .filter_map(|(label, v)| Some((label, v.filter(|v| v.number.is_some())?)))
        .collect();
    let values: Vec<&Value> = pair.iter().map(|(_, v)| *v).collect();
    (pair.len() == 2 && same_unit(&values)).then(|| bars(ind, &pair))
}

fn same_unit(values: &[&Value]) -> bool {
    values.windows(2).all(|w| w[0].unit == w[1].unit)
}

/// 「36.1%（令和3年度）」: the value as the plan writes it, with its year when known.
fn labelled(v: &Value) -> String {
    match &v.year {
        Some(y) => format!("{}（{}）", v.display(), y.label),
        None => v.display(),
    }
}

fn bars(ind: &Indicator, pair: &[(&str, &Value)]) -> Chart {
    let alt = format!(
        "{}: {}",
        ind.name,
        pair.iter().map(|(l, v)| format!("{l} {}", labelled(v))).collect::<Vec<_>>().join(" → ")
    );
    let numbers: Vec<f64> = pair.iter().filter_map(|(_, v)| v.number).collect();
    let (lo, hi) = (numbers.iter().fold(0.0f64, |a, &b| a.min(b)), numbers.iter().fold(0.0f64, |a, &b| a.max(b)));
    let y = scale(lo, hi);
    let zero = y(0.0);
    let mut body = axis_line(zero);
    let slot = (RIGHT - LEFT) / pair.len() as f64;
    for (i, (label, v)) in pair.iter().enumerate() {
        let n = v.number.unwrap_or(0.0);
        let cx = LEFT + slot * (i as f64 + 0.5);
        let (top, bottom) = if n >= 0.0 { (y(n), zero) } else { (zero, y(n)) };
        let class = if i == 0 { "baseline" } else { "target" };
        body.push_str(&format!(
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="{}"/>"#,
            cx - slot * 0.3,
            top,
            slot * 0.6,
            (bottom - top).max(1.0),
            fill(class)
        ));
        let value_y = if n >= 0.0 { top - 6.0 } else { bottom + 14.0 };
        body.push_str(&text(cx, value_y, "value", &v.display()));
        let year = v.year.as_ref().map(|y| y.label.as_str()).unwrap_or("");
        body.push_str(&text(cx, BOTTOM + 18.0, "label", label));
        body.push_str(&text(cx, BOTTOM + 32.0, "year", year));
    }
    Chart { kind: "bars", svg: document(&alt, &unit_of(pair[0].1), &body), alt }
}

fn line(ind: &Indicator, values: &[&Value]) -> Chart {
    let alt = format!(
        "{}: {} {}",
        ind.name,
        ind.yearly_word(),
        values.iter().map(|v| labelled(v)).collect::<Vec<_>>().join(" → ")
    );
    let numbers: Vec<f64> = values.iter().filter_map(|v| v.number).collect();
    let (lo, hi) = numbers.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &n| (lo.min(n), hi.max(n)));
    // A flat series still needs a height to draw in.
    let pad = if hi > lo { (hi - lo) * 0.15 } else { hi.abs().max(1.0) * 0.1 };
    let y = scale(lo - pad, hi + pad);
    let step = (RIGHT - LEFT) / values.len() as f64;
    let points: Vec<(f64, f64)> =
        numbers.iter().enumerate().map(|(i, &n)| (LEFT + step * (i as f64 + 0.5), y(n))).collect();
    let path: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let mut body = axis_line(BOTTOM);
    body.push_str(&format!(
        r#"<polyline class="series" points="{}" fill="none" stroke="{TARGET}" stroke-width="2"/>"#,
        path.join(" ")
    ));
    for (i, ((x, py), v)) in points.iter().zip(values).enumerate() {
        let class = if i == 0 { "baseline" } else { "target" };
        body.push_str(&format!(r#"<circle class="{class}" cx="{x:.1}" cy="{py:.1}" r="4" fill="{}"/>"#, fill(class)));
        // Alternate value labels above and below the line, so close neighbours do not overlap.
        let value_y = if i % 2 == 0 { py - 9.0 } else { py + 17.0 };
        // Five or more points sit ~54 px apart: a 13 px label of 「98.73%」 would touch its neighbour.
        let label = text(*x, value_y, "value", &v.display());
        body.push_str(&if values.len() >= 5 { label.replace(r#"font-size="13""#, r#"font-size="11""#) } else { label });
        let year = v.year.as_ref().map(|y| short_year(&y.label)).unwrap_or_default();
        body.push_str(&text(*x, BOTTOM + 18.0, "year", &year));
    }
    Chart { kind: "line", svg: document(&alt, &unit_of(values[0]), &body), alt }
}

/// 令和元年度 → R1年度, so five years fit under a phone-wide chart; other labels stay as written.
fn short_year(label: &str) -> String {
    for (era, letter) in [("令和", "R"), ("平成", "H")] {
        if let Some(rest) = label.strip_prefix(era) {
            return format!("{letter}{}", rest.replacen('元', "1", 1));
        }
    }
    label.to_string()
}

fn unit_of(v: &Value) -> String {
    if v.unit.is_empty() {
        String::new()
    } else {
        format!("単位: {}", v.unit)
    }
}

/// Maps a value in [lo, hi] to a y coordinate between BOTTOM and TOP.
fn scale(lo: f64, hi: f64) -> impl Fn(f64) -> f64 {
    let span = if hi > lo { hi - lo } else { 1.0 };
    move |v| BOTTOM - (v - lo) / span * (BOTTOM - TOP)
}

const BASELINE: &str = "#8fa9c4";
const TARGET: &str = "#1f5f99";
const INK: &str = "#222222";
const MUTED: &str = "#555555";

fn fill(class: &str) -> &'static str {
    if class == "baseline" {
        BASELINE
    } else {
        TARGET
    }
}

fn axis_line(y: f64) -> String {
    format!(
        r##"<line class="axis" x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#888888" stroke-width="1"/>"##
    )
}

fn text(x: f64, y: f64, class: &str, content: &str) -> String {
    let (size, weight, color) = match class {
        "value" => (13, "bold", INK),
        "label" => (12, "normal", INK),
        _ => (11, "normal", MUTED),
    };
    format!(
        r#"<text class="{class}" x="{x:.1}" y="{y:.1}" text-anchor="middle" font-size="{size}" font-weight="{weight}" fill="{color}">{}</text>"#,
        escape(content)
    )
}

/// The SVG document: self-contained (presentation attributes rather than a `<style>` element,
/// which a page's Content-Security-Policy would block; no external references), so it renders
/// the same inline, as an image, or converted for Discord.
fn document(alt: &str, unit: &str, body: &str) -> String {
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{alt}">"#,
            "<title>{alt_text}</title>",
            r#"<g font-family="sans-serif">"#,
            r#"<text class="unit" x="{left}" y="16" text-anchor="start" font-size="11" fill="{muted}">{unit}</text>"#,
            "{body}</g></svg>"
        ),
        w = WIDTH,
        h = HEIGHT,
        alt = escape(alt),
        alt_text = escape(alt),
        left = LEFT,
        unit = escape(unit),
        muted = MUTED,
        body = body
    )
}

/// Height of the title band [`standalone`] adds above a chart.
pub const TITLE_HEIGHT: f64 = 26.0;
/// Characters of an indicator's name that fit the title band at 13 px.
const TITLE_CHARS: usize = 23;

/// A chart to be seen on its own (a PNG file, a Discord attachment): the indicator's name
/// drawn above it, since no card around it says what it shows. The page's cards keep the plain
/// chart, whose name they already show.
pub fn standalone(ind: &Indicator) -> Option<Chart> {
    let chart = indicator(ind)?;
    let mut name: String = ind.name.chars().take(TITLE_CHARS).collect();
    if ind.name.chars().count() > TITLE_CHARS {
        name.pop();
        name.push('…');
    }
    let inner = chart.svg.replacen("<svg ", &format!(r#"<svg y="{TITLE_HEIGHT}" "#), 1);
    let svg = format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{alt}">"#,
            "<title>{alt}</title>",
            r#"<text class="title" x="{left}" y="19" font-family="sans-serif" font-size="13" font-weight="bold" fill="{ink}">{name}</text>"#,
            "{inner}</svg>"
        ),
        w = WIDTH,
        h = HEIGHT + TITLE_HEIGHT,
        alt = escape(&chart.alt),
        left = LEFT,
        ink = INK,
        name = escape(&name),
        inner = inner
    );
    Some(Chart { kind: chart.kind, alt: chart.alt, svg })
}

/// IPAex Gothic (IPA Font License, `vendor/fonts/copyright`): embedded so no system font is needed.
static FONT: &[u8] = include_bytes!("../vendor/fonts/ipaexg.ttf");

/// The font database every PNG uses: built once, since parsing the 6 MB font is not free.
static FONTS: once_cell::sync::Lazy<std::sync::Arc<resvg::usvg::fontdb::Database>> = once_cell::sync::Lazy::new(|| {
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(FONT.to_vec());
    // The SVG asks for `sans-serif`: map that generic family to the one font we carry.
    let family = db.faces().next().and_then(|f| f.families.first()).map(|(name, _)| name.clone());
    if let Some(family) = family {
        db.set_sans_serif_family(family);
    }
    std::sync::Arc::new(db)
});

/// Renders an SVG chart to PNG at `scale` times its size (2.0 for sharp text on phones and in
/// Discord), on white: a transparent image is unreadable in dark themes.
pub fn png(svg: &str, scale: f32) -> anyhow::Result<Vec<u8>> {
    use anyhow::Context;
    use resvg::tiny_skia;
    let options = resvg::usvg::Options { fontdb: FONTS.clone(), ..Default::default() };
    let tree = resvg::usvg::Tree::from_str(svg, &options).context("グラフの SVG を読めません")?;
    let size = tree.size().to_int_size().scale_by(scale).context("グラフの大きさが不正です")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).context("画像を確保できません")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().context("PNG に変換できません")
}

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::value;

    fn v(cell: &str, year: Option<&str>) -> Value {
        let mut v = value::parse(cell, 1).unwrap();
        v.year = year.and_then(|y| value::years_in(y).into_iter().next());
        v
    }

    fn ind(name: &str, baseline: Option<Value>, target: Option<Value>, yearly: Vec<Value>) -> Indicator {
        let mut i = Indicator::row("成果指標", name.to_string(), None, baseline, target);
        i.yearly = yearly;
        i
    }

    /// A small XML well-formedness check: balanced tags, quoted attributes, escaped text and
    /// entities that exist. (The browser test parses the served SVG with a real XML parser.)
    fn assert_well_formed(svg: &str) {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(open) = rest.find('<') {
            check_text(&rest[..open]);
            let close = rest[open..].find('>').expect("unclosed tag") + open;
            let tag = &rest[open + 1..close];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}> in {svg}");
            } else {
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let name = tag.split_whitespace().next().expect("empty tag");
                let attrs = &tag[name.len()..];
                // Every attribute is name="value" with no raw < or " inside the value.
                let quotes = attrs.matches('"').count();
                assert_eq!(quotes % 2, 0, "unbalanced quotes in <{tag}>");
                assert!(!attrs.contains('<'), "raw < in attributes of <{name}>");
                for (i, part) in attrs.split('"').enumerate() {
                    if i % 2 == 1 {
                        check_text(part);
                    } else if !part.trim().is_empty() {
                        assert!(part.trim().ends_with('='), "attribute without a value in <{tag}>");
                    }
                }
                if !self_closing {
                    stack.push(name.to_string());
                }
            }
            rest = &rest[close + 1..];
        }
        assert!(rest.trim().is_empty());
        assert!(stack.is_empty(), "unclosed {stack:?}");
    }

    fn check_text(text: &str) {
        assert!(!text.contains('>'), "raw > in {text}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text[i..].find(';').map(|e| i + e + 1).expect("unterminated entity")];
            assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity), "unknown entity {entity}");
        }
    }

    #[test]
    fn baseline_and_target_become_two_labelled_bars() {
        let card = ind("マイナンバーカードの交付率", Some(v("36.1 %", None)), Some(v("100.0 %", None)), vec![]);
        let chart = indicator(&card).unwrap();
        assert_eq!(chart.kind, "bars");
        assert_well_formed(&chart.svg);
        for part in ["36.1%", "100.0%", "現状値", "目標値", "単位: %", "<title>マイナンバーカードの交付率"]
        {
            assert!(chart.svg.contains(part), "{part} missing from {}", chart.svg);
        }
        assert_eq!(chart.svg.matches("<rect").count(), 2);
        assert_eq!(chart.alt, "マイナンバーカードの交付率: 現状値 36.1% → 目標値 100.0%");
    }

    #[test]
    fn bars_start_at_zero_and_keep_their_proportions() {
        let card = ind("x", Some(v("50 %", None)), Some(v("100 %", None)), vec![]);
        let svg = indicator(&card).unwrap().svg;
        let heights: Vec<f64> = svg
            .split("height=\"")
            .skip(2) // the svg element's own height
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .collect();
        assert_eq!(heights.len(), 2);
        assert!((heights[1] / heights[0] - 2.0).abs() < 0.01, "{heights:?}");
    }

    #[test]
    fn negative_values_hang_below_the_zero_line() {
        let migration = ind("20歳代の転入超過数", Some(v("-43人", Some("令和3年度"))), Some(v("0人", None)), vec![]);
        let chart = indicator(&migration).unwrap();
        assert_well_formed(&chart.svg);
        assert!(chart.svg.contains("-43人") && chart.svg.contains("令和3年度"));
    }

    #[test]
    fn yearly_targets_become_a_line_with_every_year_and_value() {
        let years = ["令和元年度", "令和2年度", "令和3年度", "令和4年度", "令和5年度"];
        let cells = ["98.73%", "98.78%", "98.83%", "98.88%", "98.93%"];
        let yearly: Vec<Value> = years.iter().zip(cells).map(|(y, c)| v(c, Some(y))).collect();
        let tax = ind("市税現年収納率", yearly.first().cloned(), yearly.last().cloned(), yearly);
        let chart = indicator(&tax).unwrap();
        assert_eq!(chart.kind, "line");
        assert_well_formed(&chart.svg);
        for part in cells.iter().copied().chain(["R1年度", "R5年度", "単位: %", "<polyline"]) {
            assert!(chart.svg.contains(part), "{part} missing");
        }
        assert!(chart.alt.contains("令和元年度") && chart.alt.contains("98.93%"));
    }

    #[test]
    fn no_chart_without_two_comparable_numbers() {
        assert!(indicator(&ind("x", Some(v("—", None)), Some(v("20件", None)), vec![])).is_none());
        assert!(indicator(&ind("x", None, Some(v("20件", None)), vec![])).is_none());
        assert!(indicator(&ind("x", Some(v("3件", None)), Some(v("基準値より 増", None)), vec![])).is_none());
        assert!(indicator(&ind("x", Some(v("3件", None)), Some(v("20%", None)), vec![])).is_none(), "units differ");
    }

    #[test]
    fn a_standalone_chart_names_its_indicator_above_the_chart() {
        let long = "市民参加型の会議等の機会が適切に提供されていると感じる人の割合";
        let chart = standalone(&ind(long, Some(v("18.5%", None)), Some(v("25.0%", None)), vec![])).unwrap();
        assert_well_formed(&chart.svg);
        assert!(chart.svg.contains(&format!(r#"height="{}""#, HEIGHT + TITLE_HEIGHT)));
        let shown: String = long.chars().take(TITLE_CHARS - 1).collect();
        assert!(chart.svg.contains(&format!("{shown}…</text>")), "{}", chart.svg);
        assert!(chart.svg.contains("18.5%") && chart.alt.contains(long));
    }

    #[test]
    fn png_decodes_at_twice_the_svg_size_with_the_labels_drawn() {
        let card = ind("マイナンバーカードの交付率", Some(v("36.1 %", None)), Some(v("100.0 %", None)), vec![]);
        let bytes = png(&indicator(&card).unwrap().svg, 2.0).unwrap();
        let image = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), ((WIDTH * 2.0) as u32, (HEIGHT * 2.0) as u32));
        // Text was drawn with the bundled font: the strip under the bars (現状値 / 目標値)
        // holds dark pixels. Without a font, resvg silently drops text and the strip is white.
        let dark = |y0: u32, y1: u32| {
            (y0..y1)
                .flat_map(|y| (0..image.width()).map(move |x| (x, y)))
                .filter(|&(x, y)| image.pixel(x, y).is_some_and(|p| p.red() < 100 && p.green() < 100))
                .count()
        };
        assert!(dark((BOTTOM as u32 + 6) * 2, (BOTTOM as u32 + 22) * 2) > 100, "labels missing");
        assert!(png("<svg", 1.0).is_err(), "broken SVG is an error, not a panic");
    }

    #[test]
    fn document_text_is_escaped_never_markup() {
        let hostile = ind("<script>alert(1)</script>&\"'", Some(v("1件", None)), Some(v("2件", None)), vec![]);
        let chart = indicator(&hostile).unwrap();
        assert_well_formed(&chart.svg);
        assert!(!chart.svg.contains("<script"));
        assert!(chart.svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;"));
    }
}
