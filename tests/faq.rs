//! FAQ, charts and open data (issue 11): every generated question asked through the real engine
//! must give the entry's figures and cite its line; the formats, the chart command and the
//! open-data export checked through the binary.

#[allow(dead_code)] // each test binary uses a part of the helpers
mod util;

use std::path::{Path, PathBuf};

use once_cell::sync::Lazy;
use planbot::answer::{synonyms::Synonyms, Engine};
use planbot::faq::{self, Entry, Kind};
use planbot::index::{self, Paths};
use util::{run, TempProject};

/// An engine over `data` (as given, so citations name the same files as the records) and the
/// FAQ of the same records.
fn engine_and_faq(data: &Path) -> (Engine, Vec<Entry>) {
    let paths = Paths { data: data.to_path_buf(), index: tempfile::tempdir().unwrap().keep() };
    let (index, _) = index::open(&paths).unwrap();
    let engine = Engine::new(index, Synonyms::load(&paths.data).unwrap()).unwrap();
    let records = planbot::ingest::ingest_dir(data).unwrap().records;
    (engine, faq::generate(&records, None))
}

/// Text compared without spaces and in NFKC, as the answer may space a figure differently.
fn squash(s: &str) -> String {
    planbot::ingest::normalize::nfkc(s).split_whitespace().collect()
}

/// What `ask` answers differently from the entry: not found, a figure or name missing, or a
/// first citation on another line.
fn disagreement(engine: &Engine, e: &Entry) -> Option<String> {
    let a = engine.ask(&e.question);
    let answer = squash(&a.answer);
    let why = if !a.found {
        "見つからない".to_string()
    } else if let Some(f) = e.facts.iter().find(|f| !shows(&answer, f, e.kind)) {
        format!("「{f}」がない")
    } else {
        // One of the answer's citations spans one of the entry's lines.
        let cited = |c: &planbot::answer::Citation| {
            c.file == e.citation.file && e.lines.iter().any(|l| (c.line..=c.line_end.max(c.line)).contains(l))
        };
        if a.citations.iter().any(cited) {
            return None;
        }
        let c = a.citations.first()?;
        format!("出典 {}:{}（FAQ は {}:{:?}）", c.file, c.line, e.citation.file, e.lines)
    };
    Some(format!("[{:?}] {} → {why}\n    ask: {}", e.kind, e.question, a.answer.replace('\n', " ")))
}

/// Whether the answer shows a fact: as written, or for a period its years, which an answer
/// quoting the plan writes 「令和6年度から令和9年度まで」 rather than 「令和6年度〜令和9年度」.
fn shows(answer: &str, fact: &str, kind: Kind) -> bool {
    if answer.contains(&squash(fact)) {
        return true;
    }
    let years = planbot::ingest::value::years_in(fact);
    kind == Kind::Period && !years.is_empty() && years.iter().all(|y| answer.contains(&squash(&y.label)))
}

fn disagreements(engine: &Engine, entries: &[Entry]) -> Vec<String> {
    entries.iter().filter_map(|e| disagreement(engine, e)).collect()
}

static BUNDLED: Lazy<(Engine, Vec<Entry>)> = Lazy::new(|| engine_and_faq(Path::new("data")));

#[test]
fn faq_of_the_bundled_plans_covers_every_kind() {
    let entries = &BUNDLED.1;
    for kind in [Kind::Indicator, Kind::Measures, Kind::Department, Kind::Period] {
        assert!(entries.iter().any(|e| e.kind == kind), "no {kind:?} entries");
    }
    let indicators = entries.iter().filter(|e| e.kind == Kind::Indicator).count();
    assert!(indicators >= 60, "{indicators} indicator entries");
    let card = entries.iter().find(|e| e.question == "本庄市のマイナンバーカードの交付率の目標は？").unwrap();
    assert!(card.answer.contains("36.1%") && card.answer.contains("100.0%"), "{}", card.answer);
    assert_eq!(card.citation.file, "data/plans/002_ce2878ebb8c6f072.txt");
}

#[test]
fn faq_every_generated_question_is_answered_by_ask_with_its_figures_and_line() {
    let (engine, entries) = &*BUNDLED;
    let wrong = disagreements(engine, entries);
    assert!(wrong.is_empty(), "{} of {} entries disagree with ask:\n{}", wrong.len(), entries.len(), wrong.join("\n"));
}

/// The layout zoo's non-held-out plans, copied without `heldout/`.
fn zoo_copy() -> TempProject {
    let zoo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts");
    let p = TempProject::empty();
    p.write("data/catalog.toml", &std::fs::read_to_string(zoo.join("catalog.toml")).unwrap());
    for f in std::fs::read_dir(zoo.join("plans")).unwrap().flatten() {
        p.write_bytes(&format!("data/plans/{}", f.file_name().to_string_lossy()), &std::fs::read(f.path()).unwrap());
    }
    p
}

/// Generated questions that `ask` answers wrongly, each a bug of the answer engine (src/answer/,
/// not this helper's to change), reported to its owner. The test fails when one of them starts
/// to agree, so the list only shrinks.
const ASK_BUGS: &[(&str, &str)] = &[];

#[test]
fn faq_of_another_citys_plans_agrees_with_ask() {
    let p = zoo_copy();
    let (engine, entries) = engine_and_faq(&p.root.join("data"));
    let indicators = entries.iter().filter(|e| e.kind == Kind::Indicator).count();
    assert!(indicators >= 20, "{indicators} indicator entries from the zoo");
    let (known, others): (Vec<&Entry>, Vec<&Entry>) =
        entries.iter().partition(|e| ASK_BUGS.iter().any(|(q, _)| *q == e.question));
    let others: Vec<Entry> = others.into_iter().cloned().collect();
    let wrong = disagreements(&engine, &others);
    assert!(wrong.is_empty(), "{} of {} entries disagree with ask:\n{}", wrong.len(), entries.len(), wrong.join("\n"));
    for e in known {
        assert!(disagreement(&engine, e).is_some(), "ask now answers 「{}」: remove it from ASK_BUGS", e.question);
    }
}

#[test]
fn faq_formats_from_the_binary_are_stable_and_match_their_schema() {
    let p = TempProject::with_bundled_data();
    let (code, json, err) = run(&p, &["faq", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let (_, again, _) = run(&p, &["faq", "--format", "json"]);
    assert_eq!(json, again, "a re-run on the same data changes nothing");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/faq.schema.json").unwrap()).unwrap();
    let props = &schema["properties"]["entries"]["items"]["properties"];
    for e in doc["entries"].as_array().unwrap() {
        assert_same_keys(e, props);
        assert_same_keys(&e["citation"], &props["citation"]["properties"]);
        let id = e["id"].as_str().unwrap();
        assert!(regex_like_id(id), "{id}");
    }

    let out = p.root.join("faq.html");
    let (code, _, err) = run(&p, &["faq", "--format", "html", "--municipality", "小諸市", "--out", "faq.html"]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(out).unwrap();
    assert!(html.contains("<details") && html.contains("<svg") && html.contains("\"FAQPage\""));
    assert!(!html.contains("本庄市"), "only 小諸市");

    let (code, csv, _) = run(&p, &["faq", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("\u{feff}id,kind,municipality,plan,section,question,answer,file,line,line_end"));
    let (code, md, _) = run(&p, &["faq"]);
    assert_eq!(code, 0);
    assert!(md.contains("## 本庄市") && md.contains("**Q. 本庄市のマイナンバーカードの交付率の目標は？**"));

    let (code, _, err) = run(&p, &["faq", "--municipality", "架空市"]);
    assert_eq!(code, 1);
    assert!(err.contains("架空市"), "{err}");
    let (code, _, err) = run(&p, &["faq", "--format", "pdf"]);
    assert_eq!(code, 2, "{err}");
}

fn regex_like_id(id: &str) -> bool {
    let (prefix, hex) = id.split_once('-').unwrap_or_default();
    ["i", "m", "d", "p"].contains(&prefix) && hex.len() == 10 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

fn assert_same_keys(value: &serde_json::Value, schema_props: &serde_json::Value) {
    let mut have: Vec<&String> = value.as_object().unwrap().keys().collect();
    let mut want: Vec<&String> = schema_props.as_object().unwrap().keys().collect();
    have.sort();
    want.sort();
    assert_eq!(have, want);
}

/// A JSON value against the few JSON Schema keywords the schema uses: type (with null), const,
/// enum, pattern (anchored digit/hex shapes only), required, additionalProperties, items.
fn check(value: &serde_json::Value, schema: &serde_json::Value, at: &str) {
    use serde_json::Value as J;
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            J::String(t) => vec![t.as_str()],
            J::Array(ts) => ts.iter().filter_map(|t| t.as_str()).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "number" => value.is_number(),
            "integer" => value.is_i64() || value.is_u64(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            "null" => value.is_null(),
            _ => false,
        });
        assert!(ok, "{at}: {value} is not {types:?}");
    }
    if let (Some(pattern), Some(s)) = (schema.get("pattern").and_then(|p| p.as_str()), value.as_str()) {
        assert_eq!(pattern, "^[0-9]{6}$", "the checker knows this pattern only");
        assert!(s.len() == 6 && s.chars().all(|c| c.is_ascii_digit()), "{at}: {s}");
    }
    if let Some(min) = schema.get("minimum").and_then(|m| m.as_i64()) {
        assert!(value.as_i64().unwrap() >= min, "{at}: {value} < {min}");
    }
    if let (Some(props), Some(obj)) = (schema.get("properties"), value.as_object()) {
        for key in schema["required"].as_array().unwrap() {
            assert!(obj.contains_key(key.as_str().unwrap()), "{at}: {key} missing");
        }
        for (k, v) in obj {
            let sub = props.get(k).unwrap_or_else(|| panic!("{at}: {k} is not in the schema"));
            check(v, sub, &format!("{at}.{k}"));
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            check(v, items, &format!("{at}[{i}]"));
        }
    }
}

#[test]
fn open_data_indicators_validate_against_their_schema_and_carry_codes() {
    let p = TempProject::with_bundled_data();
    let (code, out, err) = run(&p, &["indicators", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/indicators.schema.json").unwrap()).unwrap();
    check(&rows, &schema, "$");
    let rows = rows.as_array().unwrap();
    assert_same_keys(&rows[0], &schema["items"]["properties"]);
    let code_of = |m: &str| rows.iter().find(|r| r["municipality"] == m).map(|r| r["municipality_code"].clone());
    assert_eq!(code_of("本庄市"), Some("112119".into()));
    assert_eq!(code_of("石岡市"), Some("082058".into()));
    assert_eq!(code_of("小諸市"), Some("202088".into()));
    let tax = rows.iter().find(|r| r["indicator"] == "市税現年収納率").unwrap();
    assert_eq!(tax["yearly_targets"].as_array().unwrap().len(), 5);
    assert!(tax["source_line"].as_u64().unwrap() > 0);

    let (code, csv, _) = run(&p, &["indicators", "--format", "csv"]);
    assert_eq!(code, 0);
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    let columns: Vec<&str> = header.split(',').collect();
    assert_eq!(columns, planbot::opendata::COLUMNS);
    assert_eq!(columns.len(), schema["items"]["properties"].as_object().unwrap().len());
    assert!(csv.contains("\r\n082058,石岡市,"), "the code keeps its leading zero");

    // A wrong check digit is reported, not published.
    let catalog = std::fs::read_to_string(p.root.join("data/catalog.toml")).unwrap();
    p.write("data/catalog.toml", &catalog.replace("082058", "082059"));
    let (code, out, err) = run(&p, &["indicators", "--format", "json", "--municipality", "石岡市"]);
    assert_eq!(code, 0);
    assert!(err.contains("082059") && err.contains("検査数字"), "{err}");
    assert!(out.contains("\"municipality_code\": null"));
}

#[test]
fn chart_command_writes_svg_and_png_and_explains_bad_requests() {
    let p = TempProject::with_bundled_data();
    let (code, _, err) = run(&p, &["chart", "市税現年収納率", "--out", "tax.svg"]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(p.root.join("tax.svg")).unwrap();
    for part in ["<svg", "市税現年収納率</text>", "98.73%", "98.93%", "R1年度", "単位: %"] {
        assert!(svg.contains(part), "{part} missing: {svg}");
    }
    let (code, _, err) = run(&p, &["chart", "マイナンバーカードの交付率", "--out", "card.png"]);
    assert_eq!(code, 0, "{err}");
    let png = std::fs::read(p.root.join("card.png")).unwrap();
    let image = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let (w, h) = (planbot::chart::WIDTH * 2.0, (planbot::chart::HEIGHT + planbot::chart::TITLE_HEIGHT) * 2.0);
    let (w, h) = (w as u32, h as u32);
    assert_eq!((image.width(), image.height()), (w, h));

    let (code, _, err) = run(&p, &["chart", "存在しない指標名", "--out", "x.svg"]);
    assert_eq!(code, 1);
    assert!(err.contains("見つかりません"), "{err}");
    let (code, _, err) = run(&p, &["chart", "率", "--out", "x.svg"]);
    assert_eq!(code, 2);
    assert!(err.contains("id か正確な名前"), "{err}");
    let (code, _, err) = run(&p, &["chart", "市税現年収納率", "--out", "x.gif"]);
    assert_eq!(code, 2);
    assert!(err.contains(".svg か .png"), "{err}");
}
