//! Integration tests: the real plans through the library, and the `planbot` binary as a user
//! runs it. Every test that writes gets its own temp folder; the dictionary cache is shared.

mod fuzzgen;
mod harden;
mod reliability;
mod util;

use planbot::ingest::{self, Body};
use util::{ask, ask_json, indicators_of, run, TempProject};

// ---------------------------------------------------------------- parsing, document by document

#[test]
fn zenki_markdown_tables_yield_their_13_indicators() {
    let rows = indicators_of("000_a4168c13edfd39ba.txt");
    assert_eq!(rows.len(), 13);
    let (line, ind) = rows.iter().find(|(_, i)| i.name == "経常収支比率").unwrap();
    assert_eq!(*line, 373);
    assert_eq!(
        ind.description.as_deref(),
        Some("財政運営の弾力性を示す指標(比率が高いほど、財政運営の硬直化が進んでいることを表す)")
    );
    assert_eq!(ind.baseline.as_ref().unwrap().display(), "87.6%");
    let target = ind.target.as_ref().unwrap();
    assert_eq!((target.number, target.unit.as_str(), target.qualifier.as_deref()), (Some(90.0), "%", Some("以内")));
    let (_, migration) = rows.iter().find(|(_, i)| i.name.starts_with("20歳代")).unwrap();
    assert_eq!(migration.baseline.as_ref().unwrap().number, Some(-43.0));
    assert_eq!(migration.target.as_ref().unwrap().qualifier.as_deref(), Some("移動均衡"));
    let (_, stress) = rows.iter().find(|(_, i)| i.name.starts_with("高ストレス")).unwrap();
    assert_eq!(stress.name, "高ストレスと判定される職員の割合");
    assert_eq!(stress.description.as_deref(), Some("厚生労働省の判定基準10%"));
}

#[test]
fn kouki_tab_rows_yield_their_27_indicators() {
    let rows = indicators_of("002_ce2878ebb8c6f072.txt");
    assert_eq!(rows.len(), 27);
    let (line, card) = rows.iter().find(|(_, i)| i.name == "マイナンバーカードの交付率").unwrap();
    assert_eq!(*line, 633);
    assert_eq!(card.baseline.as_ref().unwrap().display(), "36.1%");
    assert_eq!(card.target.as_ref().unwrap().display(), "100.0%");
    let (_, proposals) = rows.iter().find(|(_, i)| i.name == "市民提案型事業数").unwrap();
    assert_eq!(proposals.baseline.as_ref().unwrap().raw, "—");
    assert_eq!(proposals.baseline.as_ref().unwrap().number, None);
    let (_, ratio) = rows.iter().find(|(_, i)| i.name == "経常収支比率").unwrap();
    assert_eq!(ratio.target.as_ref().unwrap().display(), "92.7%以内");
}

#[test]
fn pdf_plan_rows_yield_50_plans_with_their_departments() {
    let records = records_of("001_236833f740bc266f.txt");
    let plans: Vec<(usize, &ingest::record::Measure)> = records
        .iter()
        .filter_map(|r| match &r.body {
            Body::Measure(m) if m.category == "実施計画" => Some((r.line, m)),
            _ => None,
        })
        .collect();
    assert_eq!(plans.len(), 50);
    let per_area = |a: &str| plans.iter().filter(|(_, m)| m.area.as_deref() == Some(a)).count();
    assert_eq!((per_area("行政サービス改革"), per_area("業務改善・効率化改革"), per_area("財政改革")), (23, 17, 10));
    let (line, konbini) = plans.iter().find(|(_, m)| m.name == "コンビニ交付の普及推進").unwrap();
    assert_eq!((*line, konbini.departments[0].as_str(), konbini.start.as_deref()), (181, "市民課", Some("R5")));
}

#[test]
fn komoro_yearly_tables_yield_paths_and_a_plan_without_target() {
    let rows = indicators_of("003_bd705e7a88c4c15c.txt");
    assert_eq!(rows.len(), 7);
    let (_, tax) = rows.iter().find(|(_, i)| i.name == "市税現年収納率").unwrap();
    let path: Vec<String> =
        tax.yearly.iter().map(|v| format!("{}={}", v.year.as_ref().unwrap().label, v.display())).collect();
    assert_eq!(
        path,
        ["令和元年度=98.73%", "令和2年度=98.78%", "令和3年度=98.83%", "令和4年度=98.88%", "令和5年度=98.93%"]
    );
    let (_, second) = rows.iter().find(|(_, i)| i.name.starts_with("過去3年以内")).unwrap();
    assert_eq!(second.baseline.as_ref().unwrap().raw, "—");
    let (_, none) = rows.iter().find(|(_, i)| i.note.is_some()).unwrap();
    assert_eq!(none.note.as_deref(), Some("目標値は設定しない。"));
    assert!(none.target.is_none());
}

#[test]
fn ishioka_blocks_yield_their_23_indicators() {
    let rows = indicators_of("004_5ed662ad728e0498.txt");
    assert_eq!(rows.len(), 23);
    let (_, health) = rows.iter().find(|(_, i)| i.name == "将来負担比率").unwrap();
    assert_eq!(health.category, "財政健全化指標");
    assert_eq!(health.target.as_ref().unwrap().display(), "18.0%未満");
    assert_eq!(health.target.as_ref().unwrap().year.as_ref().unwrap().label, "令和13年度");
    let (line, card) = rows.iter().find(|(_, i)| i.name == "マイナンバーカード申請率").unwrap();
    assert_eq!(*line, 515);
    assert_eq!(card.target.as_ref().unwrap().line, 525);
    assert_eq!(card.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2021);
    let qualifiers: Vec<&str> = rows.iter().filter_map(|(_, i)| i.target.as_ref()?.qualifier.as_deref()).collect();
    assert!(qualifiers.contains(&"基準値より増") && qualifiers.contains(&"調整中"), "{qualifiers:?}");
}

#[test]
fn all_five_plans_give_70_indicator_rows() {
    let ingested = ingest::ingest_dir(&util::data_dir()).unwrap();
    assert!(ingested.problems.is_empty());
    let n = ingested.records.iter().filter(|r| matches!(r.body, Body::Indicator(_))).count();
    assert_eq!(n, 70);
}

fn records_of(file: &str) -> Vec<ingest::Record> {
    ingest::ingest_dir(&util::data_dir())
        .unwrap()
        .records
        .into_iter()
        .filter(|r| r.source.file.ends_with(file))
        .collect()
}

// ---------------------------------------------------------------- the data stays as published

#[test]
fn data_documents_are_byte_identical_to_the_published_ones() {
    let shared = util::data_dir().join("../../shared/plans");
    if !shared.is_dir() {
        return; // outside the workspace the originals are not beside us
    }
    for entry in std::fs::read_dir(&shared).unwrap().flatten() {
        let ours = util::data_dir().join("plans").join(entry.file_name());
        assert_eq!(std::fs::read(&ours).unwrap(), std::fs::read(entry.path()).unwrap(), "{}", ours.display());
    }
}

// ---------------------------------------------------------------- the CLI

#[test]
fn ask_json_follows_the_answer_contract() {
    let p = TempProject::with_bundled_data();
    let (code, v) = ask_json(&p, "マイナンバーカード交付率の目標は？");
    assert_eq!(code, 0);
    assert_eq!(v["found"], true);
    assert_eq!(v["intent"], "target");
    assert!(v["answer"].as_str().unwrap().contains("100.0%"));
    let c = &v["citations"][0];
    assert_eq!(c["file"], "data/plans/002_ce2878ebb8c6f072.txt");
    assert_eq!((c["line"].as_u64(), c["line_end"].as_u64()), (Some(633), Some(633)));
    assert_eq!(c["municipality"], "本庄市");
    assert_eq!(c["section"], "6-4 行政のデジタル化の推進");
    assert!(c["quote"].as_str().unwrap().contains("36.1"));
    assert_eq!(v["hits"][0]["body"]["kind"], "indicator");
    assert_eq!(v["hits"][0]["body"]["target"]["number"], 100.0);
}

#[test]
fn human_output_numbers_its_citations() {
    let p = TempProject::with_bundled_data();
    let (code, out, _) = ask(&p, "本庄市の自治会加入率の目標値を教えてください。");
    assert_eq!(code, 0);
    assert!(out.contains("85.00%"), "{out}");
    assert!(out.contains("[1] 本庄市 総合計画 後期基本計画"), "{out}");
    assert!(out.contains("data/plans/002_ce2878ebb8c6f072.txt:62"), "{out}");
}

#[test]
fn not_found_is_an_answer_with_exit_code_1() {
    let p = TempProject::with_bundled_data();
    let (code, v) = ask_json(&p, "本庄市の燃えるごみの収集日はいつですか？");
    assert_eq!(code, 1);
    assert_eq!(v["found"], false);
    assert!(v["citations"].as_array().unwrap().is_empty());
    let (_, v) = ask_json(&p, "小諸市のマイナンバーカード交付率の目標は？");
    assert_eq!(v["found"], false);
    assert!(v["answer"].as_str().unwrap().contains("本庄市"), "{}", v["answer"]);
}

#[test]
fn bad_questions_get_a_clear_answer_and_never_a_panic() {
    let p = TempProject::with_bundled_data();
    let (code, _, err) = ask(&p, "   ");
    assert_eq!(code, 2);
    assert!(err.contains("質問が空です"), "{err}");
    let long = "マイナンバーカード".repeat(100_000 / 9 + 1);
    let (code, _, err) = util::run_stdin(&p, &["ask", "-"], &long);
    assert!(code == 0 || code == 1, "exit {code}");
    assert!(err.contains("長すぎる"), "{err}");
    let (code, out, _) = util::run_stdin(&p, &["ask", "--json", "-"], "備蓄食料\u{0}の目標\u{7}は？");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("60,000食"), "{out}");
    for q in
        ["目標\u{7}は\u{1b}？", "AND OR NOT \"目標\" (x) title:y *", "What is the target?", "😀😀😀", "：：（）［］"]
    {
        let (code, v) = ask_json(&p, q);
        assert!(code == 0 || code == 1, "{q:?} exited {code}");
        assert!(v["answer"].as_str().is_some_and(|a| !a.is_empty()), "{q:?}");
    }
}

#[test]
fn unknown_subcommands_and_missing_data_are_reported() {
    let p = TempProject::with_bundled_data();
    let (code, _, err) = run(&p, &["frobnicate"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&p, &["--data", "no-such-folder", "ask", "目標"]);
    assert_eq!(code, 3);
    assert!(err.contains("no-such-folder"), "{err}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `planbot records | head -1`: the pipe closes while planbot still writes.
    let p = TempProject::with_bundled_data();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_planbot"))
        .arg("records")
        .current_dir(&p.root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn indicators_export_as_json_and_excel_csv() {
    let p = TempProject::with_bundled_data();
    let (code, out, _) = run(&p, &["indicators", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 70);
    let (code, out, _) = run(&p, &["indicators", "--format", "csv", "--municipality", "小諸市"]);
    assert_eq!(code, 0);
    assert!(out.starts_with('\u{feff}'));
    assert_eq!(out.lines().count(), 1 + 7);
    assert!(out.contains("市税現年収納率") && out.contains("令和4年度=98.88%"), "{out}");
}

// ---------------------------------------------------------------- index build, rebuild, swap

#[test]
fn index_is_rebuilt_when_data_changes_and_swapped_whole() {
    let p = TempProject::with_bundled_data();
    let (code, _, err) = run(&p, &["ask", "備蓄食料の目標は？"]);
    assert_eq!(code, 0);
    assert!(err.contains("索引を作成しました"), "{err}");
    let first = p.current_generation();
    // Unchanged data: the index is reused.
    let (_, _, err) = run(&p, &["ask", "備蓄食料の目標は？"]);
    assert!(!err.contains("索引を作成しました"), "{err}");
    // A new document: rebuilt into a new generation, the old one removed.
    p.write("data/plans/new_plan.txt", "ふるさと花壇の整備を進めます。花壇の数は令和9年度に120か所を目指します。\n");
    let (code, out, err) = run(&p, &["ask", "ふるさと花壇の整備"]);
    assert!(err.contains("索引を作成しました"), "{err}");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("new_plan.txt"), "{out}");
    let second = p.current_generation();
    assert_ne!(first, second);
    assert!(!p.root.join("index").join(&first).exists());
}

#[test]
fn a_damaged_or_missing_index_is_rebuilt() {
    let p = TempProject::with_bundled_data();
    run(&p, &["index"]);
    let generation = p.root.join("index").join(p.current_generation());
    for entry in std::fs::read_dir(&generation).unwrap().flatten() {
        if entry.file_name() != "manifest.json" {
            std::fs::write(entry.path(), b"garbage").unwrap();
        }
    }
    let (code, out, _) = run(&p, &["ask", "備蓄食料の目標は？"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("60,000食"));
    std::fs::remove_dir_all(p.root.join("index")).unwrap();
    let (code, _, _) = run(&p, &["ask", "備蓄食料の目標は？"]);
    assert_eq!(code, 0);
}

#[test]
fn index_command_reports_what_it_built() {
    let p = TempProject::with_bundled_data();
    let (code, out, _) = run(&p, &["index"]);
    assert_eq!(code, 0);
    assert!(out.contains("5 文書"), "{out}");
}

// ---------------------------------------------------------------- another city's folder

#[test]
fn another_citys_folder_in_an_unknown_layout_is_answered_from_passages() {
    let p = TempProject::with_plan(
        "city",
        "plan.md",
        "架空市",
        "架空市 行政経営計画",
        "# 行政経営計画\n\n市役所の窓口は令和8年度までにすべてキャッシュレス決済に対応します。\n",
    );
    p.write("city/other.txt", "川辺町のお知らせ。川辺町では川辺町の防災訓練を毎年実施します。\n");
    let (code, out, err) = run(&p, &["--data", "city", "ask", "キャッシュレス決済はいつまでに対応しますか"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("令和8年度") && out.contains("city/plan.md:3"), "{out}");
    // Not in the catalog: the municipality is inferred from the text.
    let (code, v) = ask_json_in(&p, "city", "川辺町の防災訓練");
    assert_eq!(code, 0);
    assert_eq!(v["citations"][0]["municipality"], "川辺町");
}

/// Who is in charge of an item asked in everyday words that synonyms.toml relates to the plan's
/// (ソーラー for 太陽光): the item's department, as when asked in the plan's words.
#[test]
fn a_department_asked_in_related_words_is_the_items() {
    let p = TempProject::empty();
    p.write(
        "vil/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空村\"\ntitle = \"架空村 再エネ計画\"\n",
    );
    p.write(
        "vil/plan.md",
        "# 再エネ計画\n\n## 取組\n\n- 営農型太陽光発電のモデル事業　担当：農林課\n- 小水力発電の可能性調査　担当：建設課\n",
    );
    let (code, v) = ask_json_in(&p, "vil", "営農型ソーラーってどこの課が担当？");
    assert_eq!(code, 0, "{v}");
    assert!(v["answer"].as_str().unwrap_or_default().contains("農林課"), "{v}");
}

/// A rate asked for is no item of what is done that names another rate (補助率), nor a line that
/// says another rate (回収率); a figure asked for is no chart caption that holds none.
#[test]
fn a_figure_asked_for_is_not_answered_by_a_line_without_it() {
    let p = TempProject::empty();
    p.write(
        "vil/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空村\"\ntitle = \"架空村 空家等対策計画\"\n",
    );
    p.write(
        "vil/plan.md",
        "# 空家等対策計画\n\n## 取組\n\n- 老朽空き家の除却費補助（補助率2分の1、上限80万円）　担当：建設課\n\n\
         所有者アンケート（回収率48.2%）では、空き家を売りたい人が約4割います。\n\n\
         図3 空き家の活用を考えている所有者の割合（%）\n",
    );
    for q in ["架空村の空き家率は？", "空き家の活用を考えてる所有者ってどれくらい？"] {
        let (code, v) = ask_json_in(&p, "vil", q);
        assert_eq!(v["found"], false, "{q}: {v}");
        assert_eq!(code, 1, "{q}: {v}");
    }
    // The item is still the answer to who does it.
    let (_, v) = ask_json_in(&p, "vil", "老朽空き家の除却費補助の担当課は？");
    assert!(v["answer"].as_str().unwrap_or_default().contains("建設課"), "{v}");
}

#[test]
fn a_statistic_asked_alone_is_its_own_figure_not_a_compounds_or_a_brackets() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 総合戦略\"\n",
    );
    p.write(
        "town/plan.md",
        "# 架空町総合戦略\n\n## 1 現状\n\n令和10年度の中間見直しでは、人口ビジョンの推計も更新します。\n\n\
         汚水処理人口普及率は令和6年度末で84.2%です。\n\n\
         本町の人口は令和2年国勢調査で12,345人となり、平成27年から減りました。\n\n\
         財政調整基金の残高は、標準財政規模（約38億円）の15%にあたる額を確保します。\n",
    );
    let (found, answer) = found_and_answer(&p, "town", "架空町の人口は？");
    assert!(found && answer.contains("12,345人"), "{answer}");
    assert!(!answer.contains("84.2"), "{answer}");
    // The figure in a bracket after another noun of the clause is that noun's.
    let (found, answer) = found_and_answer(&p, "town", "架空町の財政調整基金って今いくら？");
    assert!(!found || !answer.contains("38億円"), "{answer}");
}

#[test]
fn what_is_asked_of_a_topic_and_a_period_in_dates_are_answered_from_the_text() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 子ども応援計画\"\n",
    );
    p.write(
        "town/plan.md",
        "# 子ども応援計画\n\n## 計画の期間\n\nこの計画の期間は、令和6年4月1日から令和11年3月31日までとします。\n\n\
         ## 成果指標\n\n| 指標名 | 現状値（令和5年度） | 目標値（令和10年度） |\n|---|---|---|\n\
         | 子ども食堂の利用者数 | 1,200人 | 1,500人 |\n\n\
         子ども食堂の開設場所は、現在の4か所から令和10年度までに8か所に増やします。\n",
    );
    // 「AのB」: the indicator about A's other measure (its 利用者数) is not what is asked.
    let (code, v) = ask_json_in(&p, "town", "子ども食堂の開設場所、いくつに増やす？");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert_eq!(code, 0, "{answer}");
    assert!(answer.contains("8か所") && !answer.contains("1,500"), "{answer}");
    let (_, v) = ask_json_in(&p, "town", "子ども食堂の利用者数の目標は？");
    assert!(v["answer"].as_str().unwrap_or_default().contains("1,500人"), "{v}");
    // Dates from 4月1日 to 3月31日 are said as the fiscal years people ask in.
    let (code, v) = ask_json_in(&p, "town", "架空町の子ども応援計画の期間は？");
    assert_eq!(code, 0, "{v}");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("令和6年度") && answer.contains("令和10年度"), "{answer}");
}

#[test]
fn reader2_a_village_plan_with_its_cover_period_subheadings_and_labelled_items() {
    let p = TempProject::empty();
    p.write(
        "vil/catalog.toml",
        "[[document]]\nfile = \"plan.txt\"\nmunicipality = \"白鷺村\"\ntitle = \"白鷺村行財政改革プラン\"\n",
    );
    p.write(
        "vil/plan.txt",
        "白鷺村行財政改革プラン\n（令和５年度～令和９年度）\n\nこのプランでは８の取組項目を定めます。\n\
         （１）漁村の活性化\nア　漁村体験の受入れを広げる。　担当：産業観光課\nイ　朝市の開催を支援する。　担当：産業観光課\n\
         （２）暮らしの支え\nア　移動スーパーの運行を支援する。　担当：住民福祉課\n\
         （３）こども食堂\n開設か所数は、令和５年度の２か所から令和９年度までに５か所に増やします。\n",
    );
    // The subject of a sentence's target is the subheading; 場所 is said か所 in plans.
    let (code, v) = ask_json_in(&p, "vil", "こども食堂の開設場所、いくつに増やす？");
    assert_eq!(code, 0, "{v}");
    assert!(v["answer"].as_str().unwrap_or_default().contains("5か所"), "{v}");
    // 漁村 is a word, not a village the catalog lacks.
    let (code, v) = ask_json_in(&p, "vil", "漁村体験の担当は？");
    assert_eq!(code, 0, "{v}");
    assert!(v["answer"].as_str().unwrap_or_default().contains("産業観光課"), "{v}");
    // The period on the cover, cited on its line.
    let (code, v) = ask_json_in(&p, "vil", "白鷺村の行革プランの期間は？");
    assert_eq!(code, 0, "{v}");
    assert!(v["answer"].as_str().unwrap_or_default().contains("令和9年度"), "{v}");
    assert_eq!(v["citations"][0]["line"], 2, "{v}");
    // A list under one subheading is that subheading's.
    let (_, v) = ask_json_in(&p, "vil", "暮らしの支えの取組は？");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("移動スーパー") && !answer.contains("朝市"), "{answer}");
    // 行革 cut from 行財政改革 names the plan.
    let (code, v) = ask_json_in(&p, "vil", "白鷺村の行革プランの取組項目はいくつ？");
    assert_eq!(code, 0, "{v}");
    assert!(v["answer"].as_str().unwrap_or_default().contains('8'), "{v}");
}

#[test]
fn reader3_per_year_kpi_blocks_minus_figures_and_measures_under_a_subheading() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.txt\"\nmunicipality = \"青葉台町\"\ntitle = \"第２期青葉台町総合戦略\"\n",
    );
    p.write(
        "town/plan.txt",
        &[
            "第２期青葉台町総合戦略",
            "",
            "●基本目標１　暮らしを支える",
            "【数値目標】転入超過数　基準値△４０人（Ｈ３０）→目標１５人（Ｒ７）",
            "",
            "○施策１－１　子育て支援",
            "　［ＫＰＩ］一時預かりの利用者数（単位：人）",
            "　　　　　基準値（Ｒ２）　Ｒ４　　Ｒ５　　Ｒ６　　Ｒ７",
            "　　実績　　　３１０　　　３４０　３９０",
            "　　目標　　　－　　　　　３３０　３６０　３９０　４２０",
            "（１）保育の充実",
            "　・保育所の施設整備への補助（保育課）",
            "　・保育士の確保（保育課）",
            "○施策１－２　生涯学習の推進",
            "（１）学びの機会",
            "　・公民館講座の開催（生涯学習課）",
            "（２）図書館施設の整備",
            "　・図書館の耐震改修（生涯学習課）",
            "　・閲覧室への空調設備の設置（生涯学習課）",
            "",
        ]
        .join("\n"),
    );
    // The target is the last year's 目標, not a year of 実績 nor the year R7 read as a figure.
    let (code, v) = ask_json_in(&p, "town", "一時預かりの利用者数の目標は？");
    assert_eq!(code, 0, "{v}");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("420") && answer.contains("310"), "{answer}");
    // △ is the minus: the baseline is △40 as the plan writes it (-40), never 40.
    let (code, v) = ask_json_in(&p, "town", "転入超過数の基準値は？");
    assert_eq!(code, 0, "{v}");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("△40") && !answer.contains(" 40") && !answer.contains(" 30"), "{answer}");
    // 施設整備 of 保育所 shares two words of the topic; the subheading holds all of it.
    let (code, v) = ask_json_in(&p, "town", "図書館の施設整備では何をする？");
    assert_eq!(code, 0, "{v}");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("耐震改修") && answer.contains("空調") && !answer.contains("保育所"), "{answer}");
}

#[test]
fn reader3_a_lone_abbreviation_names_the_document() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"reform.txt\"\nmunicipality = \"若葉町\"\ntitle = \"若葉町行政改革推進プラン\"\n\n\
         [[document]]\nfile = \"general.txt\"\nmunicipality = \"若葉町\"\ntitle = \"第４次若葉町総合計画\"\n",
    );
    p.write(
        "town/reform.txt",
        "若葉町行政改革推進プラン\n\n１　推進の体制\n町長を本部長とする推進本部で進めます。\n\n\
         ２　取組の数\nこのプランの取組は１２項目です。\n",
    );
    p.write("town/general.txt", "第４次若葉町総合計画\n\n施策１　子育て支援\nこの施策の取組は４項目です。\n");
    // 行革 is the same word as the title's 行政 改革: it names the plan, and the plan's count answers.
    let (code, v) = ask_json_in(&p, "town", "若葉町の行革の取組はいくつ？");
    assert_eq!(code, 0, "{v}");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("12") && !answer.contains('4'), "{answer}");
}

#[test]
fn a_rate_of_something_else_is_no_answer_and_no_target_cell_is_no_target() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"kids.txt\"\nmunicipality = \"若葉町\"\ntitle = \"若葉町 子どもの貧困対策計画\"\n",
    );
    p.write(
        "town/kids.txt",
        "若葉町 子どもの貧困対策計画\n\n指標\t現状値\t目標値\n         生活保護世帯の子どもの高校進学率\t91.7%\t96.0%\n子ども食堂の数\t11か所\t\n",
    );
    // The title says 貧困; the 進学率 of the plan is not the 貧困率 asked for.
    let (code, v) = ask_json_in(&p, "town", "若葉町の子どもの貧困率の目標は？");
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["found"], false, "{v}");
    // A row whose target cell is empty does not say what the target is.
    let (code, v) = ask_json_in(&p, "town", "子ども食堂の数の目標は？");
    assert_eq!((code, &v["found"]), (1, &serde_json::json!(false)), "{v}");
    let (code, v) = ask_json_in(&p, "town", "高校進学率の目標は？");
    assert_eq!(code, 0, "{v}");
    assert!(v["answer"].as_str().unwrap_or_default().contains("96.0%"), "{v}");
}

// ------------------------------------------- answer4: many plans loaded, no partial answers

/// Three fictional municipalities whose records share parts of topics: 窓口 of two kinds,
/// a product's 販売額 beside a 道の駅's 売上額, a statistic in prose, a row without a target.
fn answer4_project() -> TempProject {
    let p = TempProject::empty();
    p.write(
        "many/catalog.toml",
        "[[document]]\nfile = \"kaede.md\"\nmunicipality = \"楓台町\"\ntitle = \"楓台町 第３次総合計画 後期基本計画\"\n\n\
         [[document]]\nfile = \"sazanami.md\"\nmunicipality = \"さざなみ市\"\ntitle = \"さざなみ市 行政経営プラン\"\n\n\
         [[document]]\nfile = \"hoshino.md\"\nmunicipality = \"星野村\"\ntitle = \"星野村 住まいと暮らしの計画\"\n",
    );
    p.write(
        "many/kaede.md",
        "# 楓台町 第３次総合計画 後期基本計画\n\n## 施策１ 農業と観光の振興\n\n\
         町の特産品「かえで梨」の販売額は、現在の1,200万円から令和10年度までに1,500万円に増やします。\n\n\
         | 指標名 | 現状値（令和5年度） | 目標値（令和10年度） |\n|---|---|---|\n\
         | 道の駅かえでの売上額 | 8,000万円 | 9,000万円 |\n| 観光客数 | 52,000人 | 60,000人 |\n\n\
         主な取組\n・相談窓口の設置（住宅課）\n\n## 施策２ 地域医療\n\n\
         | 指標名 | 現状値（令和5年度） | 目標値（令和10年度） |\n|---|---|---|\n\
         | 夜間診療所の受診者数 | 3,100人 | ― |\n| 特定健診の受診率 | 41.0% | 55.0% |\n",
    );
    p.write(
        "many/sazanami.md",
        "# さざなみ市 行政経営プラン\n\n## 取組１ 窓口サービスの改善\n\n主な取組\n\
         ・待たせない窓口の導入（市民課）\n・電子申請の拡大（情報政策課）\n\n\
         | 指標名 | 現状値（令和5年度） | 目標値（令和9年度） |\n|---|---|---|\n| 窓口の平均待ち時間 | 20分 | 10分 |\n\n\
         ## 取組の数\n\nこのプランでは、合わせて１２の取組を実施します。\n\n\
         前計画では、１５の取組のうち１１の取組を達成しました。\n",
    );
    p.write(
        "many/hoshino.md",
        "# 星野村 住まいと暮らしの計画\n\n## 1. 住まいの現状\n\n\
         村の住宅は1,840戸で、そのうち空き家は260戸、空き家率は14.2%でした。前回の調査から2.1ポイント上がっています。\n\n\
         ## 2. 空き家対策\n\n空き家バンクの登録件数は、令和10年度までに累計40件にすることを目指します。\n",
    );
    p
}

#[test]
fn answer4_a_record_must_hold_every_word_of_the_topic() {
    let p = answer4_project();
    // The verb that qualifies 窓口 is part of the topic: 相談窓口 is another 窓口.
    let (found, answer) = found_and_answer(&p, "many", "待たせない窓口は何課の担当？");
    assert!(found && answer.contains("市民課") && !answer.contains("住宅課"), "{answer}");
    let (found, answer) = found_and_answer(&p, "many", "書かない窓口は何課の担当？");
    assert!(!found && !answer.contains("課 です"), "{answer}");
    // 売上 is the plan's 販売額 (synonyms.toml); 道の駅かえでの売上額 lacks 梨.
    let (found, answer) = found_and_answer(&p, "many", "かえで梨の売上の目標は？");
    assert!(found && answer.contains("1,500万円") && !answer.contains("9,000"), "{answer}");
    let (found, answer) = found_and_answer(&p, "many", "道の駅かえでの売上額の目標は？");
    assert!(found && answer.contains("9,000万円"), "{answer}");
}

#[test]
fn answer4_a_statistic_in_prose_is_no_target() {
    let p = answer4_project();
    // 「空き家率は14.2%でした」 says what is, beside other figures; no sentence aims at a rate.
    let (found, answer) = found_and_answer(&p, "many", "星野村の空き家率は何％にする目標？");
    assert!(!found && !answer.contains("14.2"), "{answer}");
    let (found, answer) = found_and_answer(&p, "many", "空き家バンクの登録件数の目標は？");
    assert!(found && answer.contains("40件"), "{answer}");
}

#[test]
fn answer4_a_target_cell_without_a_value_is_not_stated_as_the_target() {
    let p = answer4_project();
    let (found, answer) = found_and_answer(&p, "many", "夜間診療所の受診者数の目標は？");
    assert!(!found && answer.contains("3,100人") && answer.contains("目標値は示されていません"), "{answer}");
    let (found, answer) = found_and_answer(&p, "many", "夜間診療所の受診者数は今何人？");
    assert!(found && answer.contains("3,100人"), "{answer}");
}

#[test]
fn answer4_a_count_of_the_previous_plan_is_not_this_plans() {
    let p = answer4_project();
    let (found, answer) = found_and_answer(&p, "many", "さざなみ市の行政経営プランの取組はいくつ？");
    assert!(found && answer.contains("12") && !answer.contains("15"), "{answer}");
}

#[test]
fn answer4_a_comparison_needs_two_places() {
    let p = answer4_project();
    let (found, answer) = found_and_answer(&p, "many", "観光客数の目標を市町村ごとに比べて");
    assert!(!found && answer.contains("比較はできません") && answer.contains("60,000人"), "{answer}");
}

// ------------------------------------------- answer5: no wrong figure from a near-miss record

/// Two fictional plans: a strategy table whose target cells hold 〃 and a year, an
/// environment plan flattened from PDF (a page break puts the running title before a row, an
/// office-only emission row), and a tourism plan recalling its previous plan's target.
fn answer5_project() -> TempProject {
    let p = TempProject::empty();
    p.write(
        "five/catalog.toml",
        "[[document]]\nfile = \"mizuho.md\"\nmunicipality = \"瑞穂沢町\"\ntitle = \"第２期瑞穂沢町総合戦略\"\n\n\
         [[document]]\nfile = \"kirino.txt\"\nmunicipality = \"霧野市\"\ntitle = \"第２次霧野市環境基本計画\"\n\n\
         [[document]]\nfile = \"aoba.md\"\nmunicipality = \"青葉谷村\"\ntitle = \"青葉谷村観光振興計画\"\n",
    );
    p.write(
        "five/mizuho.md",
        "# 第２期瑞穂沢町総合戦略\n\n## 基本目標１ 移住と定住\n\n\
         | 指標名 | 現状値 | 目標値 |\n|---|---|---|\n\
         | 移住相談件数 | 45件 | 〃 |\n| 町営住宅の入居者数 | 120人 | R11 |\n| 移住者数 | 14人 | 30人 |\n",
    );
    p.write(
        "five/kirino.txt",
        "第２次霧野市環境基本計画\n第２章 基本目標と環境指標\n基本目標１ 脱炭素社会の実現\n\
         （１）環境指標 指標 単位 基準値 目標値 市の事務事業に伴う温室効果ガス排出量 トン-CO2 ８，２００ ４，１００ \
         公用車の電動車の導入率 ％ ６．０ ４０．０以上\n\
         基本目標２ 循環型社会の形成\n\
         （１）環境指標 指標 単位 基準値 目標値 リサイクル率 ％ ２０．１ ２６．０以上 最終処分量 トン ２，３００ １，８００以下\n\
         －８－\n第２次霧野市環境基本計画\n\
         マイバッグ推進協力店の登録数 店舗 ３５ ７０ 資源回収団体の数 団体 ４０ ５０\n\
         （２）主な取組と担当課 取組 担当課 ごみ分別の啓発 清掃課\n",
    );
    p.write(
        "five/aoba.md",
        "# 青葉谷村観光振興計画\n\n## 1. 前計画の振り返り\n\n\
         前計画（平成30年度～令和4年度）では、観光入込客数30万人を目標としましたが、達成できませんでした。\n\n\
         ## 2. 宿泊の振興\n\n村の宿泊者数は、令和4年の2.1万人泊から令和10年に3万人泊に増やします。\n",
    );
    p
}

#[test]
fn answer5_a_ditto_mark_or_a_year_in_the_target_cell_is_no_target() {
    let p = answer5_project();
    let (found, answer) = found_and_answer(&p, "five", "瑞穂沢町の移住相談件数の目標は？");
    assert!(!found && !answer.contains('〃'), "{answer}");
    let (found, answer) = found_and_answer(&p, "five", "瑞穂沢町の町営住宅の入居者数の目標は？");
    assert!(!found && !answer.contains("目標値 R11"), "{answer}");
    // A row with a figure in its target cell still answers.
    let (found, answer) = found_and_answer(&p, "five", "瑞穂沢町の移住者数の目標は？");
    assert!(found && answer.contains("30人"), "{answer}");
}

#[test]
fn answer5_a_row_named_after_its_document_is_no_indicator() {
    let p = answer5_project();
    // The page break puts the running title where the row's name was expected; its first
    // figure is the baseline, not the target.
    let (found, answer) = found_and_answer(&p, "five", "マイバッグ推進協力店、何店舗まで増やす？");
    assert!(!answer.contains("目標値は 35"), "{answer}");
    assert!(!found || answer.contains("70"), "{answer}");
}

#[test]
fn answer5_an_earlier_plans_target_is_not_this_plans() {
    let p = answer5_project();
    let (found, answer) = found_and_answer(&p, "five", "青葉谷村の観光入込客数の目標は？");
    assert!(!found && !answer.contains("30万人を目標"), "{answer}");
    // A sentence aiming at this plan's figure still answers.
    let (found, answer) = found_and_answer(&p, "five", "青葉谷村の宿泊者数の目標は？");
    assert!(found && answer.contains("3万人泊"), "{answer}");
}

#[test]
fn answer5_the_whole_citys_figure_is_not_the_city_offices() {
    let p = answer5_project();
    let (found, answer) = found_and_answer(&p, "five", "霧野市全体の温室効果ガスを何トンまで減らす目標？");
    assert!(!found && !answer.contains("4,100トン-CO2 です"), "{answer}");
    let (found, answer) = found_and_answer(&p, "five", "霧野市の市役所の温室効果ガス排出量の目標は？");
    assert!(found && answer.contains("4,100"), "{answer}");
}

#[test]
fn answer5_a_figure_asked_of_each_place_is_not_answered_by_one() {
    let p = answer5_project();
    // Only 瑞穂沢町 counts 移住者数: the answer says 霧野市 has none and claims no answer.
    let (found, answer) = found_and_answer(&p, "five", "移住者数の目標、瑞穂沢町と霧野市でそれぞれ何人？");
    assert!(!found && answer.contains("霧野市の計画には") && answer.contains("30人"), "{answer}");
    let (found, answer) = found_and_answer(&p, "five", "瑞穂沢町の移住者数の目標は何人？");
    assert!(found && answer.contains("30人"), "{answer}");
}

/// A plan whose items are its own subheadings, each closed by 「〔担当：…〕」: a question that names
/// only the plan asks for its whole list, not the one item whose text says 取り組みます.
#[test]
fn a_question_naming_only_the_plan_lists_all_its_items() {
    let p = TempProject::empty();
    p.write(
        "six/catalog.toml",
        "[[document]]\nfile = \"kogane.txt\"\nmunicipality = \"黄金台市\"\ntitle = \"黄金台市病院事業経営強化プラン\"\n",
    );
    p.write(
        "six/kogane.txt",
        "黄金台市病院事業経営強化プラン\n\n第５　経営強化の取組\n（１）救急医療体制の維持\n　二次救急の輪番に参加します。\n　〔担当：総務課〕\n\
         （２）病床機能の見直し\n　地域包括ケア病床を増やします。\n　〔担当：経営企画課・医事課〕\n\
         （３）経費の削減と収入の確保\n　未収金の早期回収に取り組みます。\n　〔担当：医事課〕\n",
    );
    let (found, answer) = found_and_answer(&p, "six", "黄金台市の病院経営強化プラン、どんな取組があるの？");
    assert!(found, "{answer}");
    for item in ["救急医療体制の維持", "病床機能の見直し", "経費の削減と収入の確保"] {
        assert!(answer.contains(item), "{item}: {answer}");
    }
    let (found, answer) = found_and_answer(&p, "six", "黄金台市の病床機能の見直しの担当課は？");
    assert!(found && answer.contains("経営企画課") && !answer.contains('〕'), "{answer}");
}

fn ask_json_in(p: &TempProject, data: &str, q: &str) -> (i32, serde_json::Value) {
    let (code, out, err) = run(p, &["--data", data, "ask", "--json", q]);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}")))
}

/// `found` (true when missing, so that a check for not-found cannot pass by accident) and the
/// answer text of `ask --json` over the data folder `data`.
fn found_and_answer(p: &TempProject, data: &str, q: &str) -> (bool, String) {
    let (_, v) = ask_json_in(p, data, q);
    (v["found"].as_bool().unwrap_or(true), v["answer"].as_str().unwrap_or_default().to_string())
}

#[test]
fn a_document_that_is_not_text_is_skipped_with_a_warning() {
    let p = TempProject::with_bundled_data();
    p.write_bytes("data/plans/broken.txt", b"\xff\xfe\x00binary");
    let (code, out, err) = run(&p, &["ask", "備蓄食料の目標は？"]);
    assert_eq!(code, 0, "{out}");
    assert!(err.contains("broken.txt") && err.contains("警告"), "{err}");
}

// ---------------------------------------------------------------- answers (in-process engine)

mod answers {
    use once_cell::sync::Lazy;
    use planbot::answer::{synonyms::Synonyms, Answer, Engine};
    use planbot::index::{self, Paths};

    static ENGINE: Lazy<Engine> = Lazy::new(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let paths = Paths { data: super::util::data_dir(), index: dir };
        let (index, _) = index::open(&paths).unwrap();
        Engine::new(index, Synonyms::load(&paths.data).unwrap()).unwrap()
    });

    fn ask(q: &str) -> Answer {
        ENGINE.ask(q)
    }

    fn assert_says(q: &str, wanted: &[&str]) -> Answer {
        let a = ask(q);
        assert!(a.found, "{q}: {}", a.answer);
        for w in wanted {
            assert!(a.answer.contains(w), "{q}: wanted {w} in {}", a.answer);
        }
        a
    }

    /// A question that names no topic of its own (「何%にする？」) asks more about the one
    /// before it: one answer, not a second one searched with a unit and question words alone.
    #[test]
    fn a_follow_up_without_a_topic_is_read_with_the_question_before() {
        let a = assert_says("マイナンバーカードの交付率って目標あるの？何%にする？", &["100.0"]);
        assert!(!a.answer.contains("見つけられませんでした"), "{}", a.answer);
        assert_eq!(a.answer.matches("マイナンバーカードの交付率").count(), 1, "{}", a.answer);
    }

    /// A question with no topic of its own takes it from the statement before it: 「…けど、」
    /// says what the asker has in mind, not only something about the asker.
    #[test]
    fn a_question_without_a_topic_takes_it_from_the_statement_before() {
        let a = assert_says("マイナンバーカード持ってない人多いけど、交付率の目標は？", &["100.0"]);
        assert!(a.answer.contains("マイナンバーカード"), "{}", a.answer);
        // The question itself names no topic (市 is no topic): the statement's is taken.
        assert_says("マイナンバーカードの交付が遅れてるけど、市の目標は何%？", &["交付率", "100.0"]);
    }

    fn cites(a: &Answer, file: &str, line: usize) {
        assert!(
            a.citations.iter().take(3).any(|c| c.file.ends_with(file) && c.line <= line && line <= c.line_end + 3),
            "{} not cited at {file}:{line}: {:?}",
            a.question,
            a.citations.iter().map(|c| format!("{}:{}-{}", c.file, c.line, c.line_end)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn target_with_units_and_the_row_cited() {
        let a = assert_says("本庄市の備蓄食料の目標は？", &["60,000食", "48,340食", "施策5-3"]);
        cites(&a, "002_ce2878ebb8c6f072.txt", 183);
    }

    #[test]
    fn current_value_alone() {
        assert_says("オンラインによる各種手続数の現状値は？", &["43手続"]);
    }

    #[test]
    fn year_specific_targets_in_every_year_form() {
        for q in [
            "小諸市の市税現年収納率の令和4年度の目標値は？",
            "市税現年収納率のR4の目標",
            "市税現年収納率 2022年度の目標",
            "市税現年収納率の令和４年度目標",
        ] {
            assert_says(q, &["98.88%", "令和4年度"]);
        }
        assert_says("小諸市の市税現年収納率の目標は？", &["98.93%", "令和2年度 98.78%"]);
        // Both asked, the year naming which target: the baseline is stated too.
        assert_says("小諸市の市税現年収納率、今と令和4年度の目標", &["98.88%", "現状値 98.73%"]);
    }

    #[test]
    fn latest_and_earlier_editions() {
        assert_says("今の計画の経常収支比率の目標は？", &["92.7%以内"]);
        let a = assert_says("前の計画の経常収支比率の目標は？", &["90%以内"]);
        assert!(!a.answer.contains("92.7"), "{}", a.answer);
    }

    #[test]
    fn both_editions_when_none_is_named_latest_first() {
        let a = assert_says("本庄市の将来負担比率の目標は？", &["19.5%以内", "0.0%"]);
        assert!(a.answer.find("後期").unwrap() < a.answer.find("前期").unwrap(), "{}", a.answer);
    }

    #[test]
    fn several_municipalities_are_each_labelled() {
        let a = assert_says("マイナンバーカードの普及の目標は？", &["本庄市", "石岡市", "交付率", "申請率"]);
        assert!(a.citations.len() >= 2);
    }

    #[test]
    fn department_and_target_in_one_question() {
        let a = assert_says("石岡市の職員提案の目標と担当課は？", &["行革推進課", "30件"]);
        assert_eq!(a.intent, "department+target");
    }

    #[test]
    fn unknown_municipality_is_said_plainly() {
        let a = ask("横浜市のマイナンバーカードの目標は？");
        assert!(!a.found);
        assert!(a.answer.contains("横浜市の計画は登録されていません"), "{}", a.answer);
    }

    #[test]
    fn near_miss_names_where_it_exists() {
        let a = ask("小諸市のマイナンバーカード交付率の目標は？");
        assert!(!a.found);
        assert!(a.answer.contains("本庄市") && a.answer.contains("ありません"), "{}", a.answer);
        assert!(!ask("石岡市の経常収支比率の目標値は？").found);
    }

    #[test]
    fn a_target_the_plan_does_not_set_is_a_found_answer() {
        let a = assert_says("小諸市の施策6-3の目標値は？", &["設定されていません"]);
        cites(&a, "003_bd705e7a88c4c15c.txt", 152);
    }

    #[test]
    fn lists_of_measures_come_from_structure() {
        assert_says("本庄市後期 6-2 の施策中項目は？", &["8件", "データの集積と活用の推進"]);
        assert_says("小諸市の施策6-3の主な事業は？", &["財政管理費運営費", "集約駐車場管理事業"]);
        assert_says("財政改革分野の計画を全部教えて", &["10件", "ネーミングライツ"]);
    }

    #[test]
    fn paraphrases_and_synonyms() {
        assert_says("マイナカードの交付率って最終的にどこまで上げるの？", &["100.0%"]);
        assert_says("個人番号カードの交付率の目標", &["100.0%"]);
        assert_says("本庄市HPの更新件数、目標は？", &["4,545件"]);
        assert_says("お年寄りが関係した交通事故の目標件数は？", &["30件"]);
        assert_says("市民の声を聴く場の実施回数の目標（後期）", &["110回"]);
        assert_says("ワイファイの整備施設数の目標", &["10施設"]);
    }

    #[test]
    fn comparisons_say_which_is_higher() {
        let a = assert_says("高ストレスと判定される職員の割合の目標を前期と後期で比べて", &["8%", "10.0%"]);
        assert!(a.answer.contains("目標値は") && a.answer.contains("高くなっています"), "{}", a.answer);
        let a = assert_says("早稲田大学との協働事業数の現状値を前期と後期で比べて", &["51事業", "33事業"]);
        assert!(a.answer.contains("現状値は 本庄市 前期基本計画 のほうが"), "{}", a.answer);
    }

    // Regression tests, named after the questions that broke.

    #[test]
    fn regression_keikaku_su_r5_of_a_named_plan() {
        assert_says("本庄市行政改革大綱実施計画の計画数（R5年度）はいくつ？", &["50"]);
    }

    #[test]
    fn regression_zaisei_kaikaku_plans_are_listed_not_counted() {
        assert_says(
            "本庄市行政改革大綱実施計画の財政改革分野にはどんな計画がありますか？",
            &["ネーミングライツ", "マンホール蓋広告"],
        );
    }

    #[test]
    fn regression_ishioka_second_taiko_sakutei_date() {
        assert_says("石岡市の第2次行財政改革大綱はいつ策定されましたか？", &["平成27年3月"]);
    }

    #[test]
    fn regression_satisfaction_stated_as_an_indicator() {
        assert_says("2022年度の小諸の市民満足度（窓口）の目標", &["79%"]);
    }

    #[test]
    fn regression_compare_with_an_edition_keeps_the_other_city() {
        assert_says(
            "市ホームページのアクセス数の目標を本庄市（後期基本計画）と石岡市で比べると？",
            &["3,351,000", "347,000"],
        );
    }

    #[test]
    fn regression_ima_ikutsu_asks_the_current_value() {
        assert_says("本庄市のNPO法人登録数は今いくつ？", &["43団体"]);
    }

    #[test]
    fn regression_a_department_lists_what_it_is_in_charge_of() {
        let a = assert_says("水道課が担当する計画は？", &["3件", "公営企業会計システムの機能向上", "浄水場"]);
        assert_eq!(a.citations.len(), 3);
    }

    #[test]
    fn regression_a_period_stated_inside_a_sub_item() {
        assert_says("後期基本計画での行政改革大綱の推進期間", &["令和5年度", "令和9年度"]);
    }

    #[test]
    fn regression_satisfaction_is_not_answered_by_an_unrelated_indicator() {
        assert_says("早稲田大学との協働の満足度（後期）", &["27.1%"]);
    }

    #[test]
    fn regression_a_generic_part_of_an_indicator_name_is_no_match() {
        assert!(!ask("小諸市の人口は何人？").found);
    }

    #[test]
    fn regression_the_distinguishing_word_weighs_more() {
        let a = ask("石岡市の市ホームページ更新件数の目標は？");
        assert!(!a.found, "{}", a.answer);
        assert!(a.answer.contains("本庄市"), "{}", a.answer);
    }

    #[test]
    fn regression_shokuinsu_is_not_answered_with_shokuin_teian() {
        // 「職員数は何人にする予定？」 was answered with 職員提案の提案数 (issue 7).
        let a = ask("職員数は何人にする予定？");
        assert!(!a.found, "{}", a.answer);
        assert!(a.answer.contains("職員数") && a.answer.contains("関連する記述"), "{}", a.answer);
    }

    #[test]
    fn regression_gyosei_kaikaku_tantouka_is_not_a_random_item() {
        // 「本庄市の行政改革の担当課はどこ？」 was answered with 道路管理課 (issue 7).
        let a = ask("本庄市の行政改革の担当課はどこ？");
        assert!(!a.found, "{}", a.answer);
        assert!(!a.answer.contains("道路管理課 です"), "{}", a.answer);
    }

    #[test]
    fn regression_gyokaku_jisshi_keikaku_names_the_plan_by_its_abbreviation() {
        let a = assert_says("本庄市の行革実施計画の計画数は？", &["50"]);
        cites(&a, "001_236833f740bc266f.txt", 124);
    }

    #[test]
    fn regression_kakushi_answers_for_every_city() {
        let a = assert_says("各市の職員提案の目標は？", &["石岡市", "本庄市"]);
        assert!(a.citations.len() >= 2);
    }

    #[test]
    fn small_talk_is_answered_politely_and_not_found() {
        for q in ["こんにちは", "ありがとうございました！", "何ができるの？"] {
            let a = ask(q);
            assert!(!a.found, "{q}: {}", a.answer);
            assert_eq!(a.intent, "small_talk", "{q}");
            assert!(a.answer.contains("目標値"), "{q}: {}", a.answer);
        }
    }

    #[test]
    fn regression_invisible_marks_and_mentions_around_a_question() {
        for q in [
            "\u{202B}マイナンバーカードの交付率の目標は？\u{202C}",
            "\u{2066}マイナンバーカードの交付率の目標は？\u{2069}\u{200F}",
            "\u{FEFF}マイナンバー\u{200B}カードの交付率の目標は？",
            "<@123> マイナンバーカードの交付率の目標は？",
            "<@!123> マイナンバーカードの交付率の目標は？",
            "<@&123> マイナンバーカードの交付率の目標は？",
            "[x](http://example.com/a) マイナンバーカードの交付率の目標は？",
        ] {
            assert_says(q, &["100.0%"]);
        }
    }

    #[test]
    fn superlatives_are_computed_over_the_records() {
        let a = assert_says("本庄市の後期基本計画で市民満足度が一番高いのは？", &["42.8%", "最も高い"]);
        cites(&a, "002_ce2878ebb8c6f072.txt", 347);
        assert_says("満足度が一番低いのは？", &["12.7%", "最も低い"]);
    }

    #[test]
    fn filters_by_target_year_and_start_year() {
        assert_says("令和7年度が目標年度の指標は？", &["デジタル人材育成のための研修会", "10回"]);
        assert_says("開始がR5の計画はいくつ？", &["50 件"]);
    }

    /// Sudachi's synonyms add right answers without adding wrong ones: over the paraphrase
    /// fixture, every question answered right without it is answered right with it, and no
    /// question that must not be found is found with it.
    #[test]
    fn sudachi_adds_right_answers_without_wrong_ones() {
        let dir = tempfile::tempdir().unwrap().keep();
        let paths = Paths { data: super::util::data_dir(), index: dir };
        let (index, _) = index::open(&paths).unwrap();
        let without = Engine::new(index, Synonyms::load_file(&paths.data).unwrap()).unwrap();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paraphrases.tsv");
        let text = std::fs::read_to_string(path).unwrap();
        let norm = |s: &str| planbot::eval::norm(s);
        let (mut right_with, mut right_without, mut lost) = (0, 0, Vec::new());
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (q, want) = line.split_once('\t').unwrap();
            let ok =
                |a: &Answer| if want == "NONE" { !a.found } else { a.found && norm(&a.answer).contains(&norm(want)) };
            let (w, wo) = (ok(&ask(q)), ok(&without.ask(q)));
            right_with += w as usize;
            right_without += wo as usize;
            if wo && !w {
                lost.push(q.to_string());
            }
        }
        assert!(lost.is_empty(), "answered right only without Sudachi: {lost:?}");
        assert!(right_with > right_without, "Sudachi adds nothing: {right_with} vs {right_without}");
    }

    /// Every line of `tests/fixtures/paraphrases.tsv` answers as written there.
    #[test]
    fn paraphrases_from_the_fixture_file() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paraphrases.tsv");
        let text = std::fs::read_to_string(path).unwrap();
        let norm = |s: &str| planbot::eval::norm(s);
        let mut failures = Vec::new();
        let mut n = 0;
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (q, want) = line.split_once('\t').expect("question<TAB>expected");
            let a = ask(q);
            n += 1;
            let ok = if want == "NONE" { !a.found } else { a.found && norm(&a.answer).contains(&norm(want)) };
            if !ok {
                failures.push(format!("{q} (want {want}): {}", a.answer));
            }
        }
        assert!(n > 70, "fixture has {n} questions");
        assert!(failures.is_empty(), "{} of {n} failed:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn dev_eval_reaches_95_percent_with_no_kind_below_85() {
        let eval_file = super::util::data_dir().join("../../shared/eval/dev.jsonl");
        let seeds = super::util::data_dir().join("../../shared/plans");
        if !eval_file.is_file() {
            return; // the eval set lives outside the repository
        }
        let items = planbot::eval::read_items(&eval_file).unwrap();
        let root = super::util::data_dir().join("..");
        let checker = planbot::eval::Checker::new(&root, &seeds).unwrap();
        let report = planbot::eval::run(&ENGINE, &items, &checker);
        let total = report.total();
        assert!(total.both * 100 >= total.n * 95, "{}", report.table());
        for (kind, t) in &report.per_kind {
            assert!(t.both * 100 >= t.n * 85, "{kind}: {}", report.table());
        }
        assert_eq!(report.per_kind["none"].both, report.per_kind["none"].n);
    }
}

// ---------------------------------------------------------------- the passage net (issue 7)

/// A fictional plan whose figures stand in sentences and in a table the reader may or may not
/// read, with the distractors real plans carry: a projection, the previous plan's target, a
/// baseline next to its target, a figure per person, a statistic in prose.
fn net_project() -> TempProject {
    let p = TempProject::empty();
    p.write(
        "net/catalog.toml",
        "[[document]]\nfile = \"plans/kasumi.txt\"\nmunicipality = \"霞野市\"\ntitle = \"霞野市 まちづくり計画\"\n",
    );
    p.write(
        "net/plans/kasumi.txt",
        "霞野市 まちづくり計画\n\n\
         第1章 まちの現状\n\
         本市の人口は令和2年に4万1,200人でした。推計では、令和22年に3万2,000人まで減少すると見込まれています。\n\
         前計画では、公園の整備数を20か所とすることを目標としましたが、15か所にとどまりました。\n\n\
         第2章 施策\n\
         空き家バンクの成約件数を、現状の12件から令和12年度までに30件に増やします。\n\
         市民農園の区画数は、令和12年度までに240区画とします。\n\
         職員1人当たりの時間外勤務時間は月14.2時間で、令和12年度までに10時間未満にします。\n\
         図書館の年間貸出冊数 45万冊 → 50万冊\n\n         | 指標名 | 単位 | 現状値（令和5年度） | 目標値（令和12年度） |\n|---|---|---|---|\n         | 市民プールの年間利用者数 | 人 | 31,000 | 42,000 |\n",
    );
    p
}

/// Runs `eval --passages-only` on `questions` over the net project: the answers as JSON lines
/// and the last lines of the report.
fn net_eval(p: &TempProject, questions: &str) -> (Vec<serde_json::Value>, String) {
    p.write("net-questions.jsonl", questions);
    let (code, out, err) = run(
        p,
        &[
            "--data",
            "net",
            "--index",
            "net-index",
            "eval",
            "net-questions.jsonl",
            "--seeds",
            "net/plans",
            "--out",
            "net-answers.jsonl",
            "--passages-only",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("段落だけの索引"), "{err}");
    let answers = std::fs::read_to_string(p.root.join("net-answers.jsonl")).unwrap();
    (answers.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), out)
}

#[test]
fn net_passages_only_states_the_figure_the_topic_governs_and_nothing_else() {
    let p = net_project();
    let q = |id: &str, question: &str, kind: &str, must: &[&str]| {
        serde_json::json!({"id": id, "question": question, "kind": kind, "must_contain": must,
            "sources": ["kasumi.txt"]})
        .to_string()
    };
    let questions = [
        q("a", "空き家バンクの成約件数の目標は？", "target", &["30件"]),
        q("b", "市民農園の区画数はいくつにする？", "target", &["240区画"]),
        q("c", "図書館の貸出冊数の目標", "target", &["50万冊"]),
        // A table row, read with its header: which column is the target.
        q("g", "市民プールの利用者数の目標は何人？", "target", &["42,000"]),
        // A projection is no target, the previous plan's target is not this plan's, and a
        // figure per person says nothing of how many people.
        q("d", "霞野市の人口は何人にする目標？", "none", &[]),
        q("e", "公園の整備数の目標は？", "none", &[]),
        q("f", "職員数は何人にする？", "none", &[]),
    ]
    .join("\n");
    let (answers, report) = net_eval(&p, &questions);
    let by_id = |id: &str| answers.iter().find(|a| a["id"] == id).unwrap();
    for id in ["a", "b", "c", "g"] {
        let a = by_id(id);
        assert_eq!(a["found"], true, "{a}");
        assert!(a["answer"].as_str().unwrap().contains("本文から読み取った"), "{a}");
    }
    // The quote is the topic's own figure, not the baseline before it.
    let a = by_id("a")["answer"].as_str().unwrap().to_string();
    assert!(a.contains("30件") && a.contains("成約件数"), "{a}");
    assert!(!by_id("c")["answer"].as_str().unwrap().contains("市民農園"), "{}", by_id("c"));
    for id in ["d", "e", "f"] {
        assert_eq!(by_id(id)["found"], false, "{}", by_id(id));
    }
    assert!(by_id("g")["answer"].as_str().unwrap().contains("目標値"), "{}", by_id("g"));
    assert!(report.contains("found but wrong: 0 of 4 found answers"), "{report}");
}

/// A row whose baseline cell holds only a year states no present figure: 「今何%？」 is not
/// answered by it, and a 「何%」 question is not answered by a row whose name gives its unit as
/// another.
#[test]
fn a_row_without_a_baseline_or_in_another_unit_does_not_answer() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 環境計画\"\n",
    );
    p.write(
        "town/plan.md",
        "# 環境計画\n\n## 成果指標\n\n| 指標名 | 現状値（令和5年度） | 目標値（令和12年度） |\n|---|---|---|\n\
         | 資源ごみの回収率 | 2020年 | 30.0% |\n| 温室効果ガス排出量(千t-CO2) | 1,101 | 642 |\n",
    );
    let (found, answer) = found_and_answer(&p, "town", "資源ごみの回収率って今何%？");
    assert!(!found, "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "資源ごみの回収率の目標は？");
    assert!(found && answer.contains("30.0%"), "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "温室効果ガス排出量は何%減らす目標？");
    assert!(!found, "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "温室効果ガス排出量の目標は？");
    assert!(found && answer.contains("642"), "{answer}");
}

/// A yearly table with no 目標 column (「現状値 R6 … R10」), read by the net: the last year is
/// the target, and a year the question names is that year's figure.
#[test]
fn net_a_yearly_table_without_a_target_column_gives_its_last_year_as_the_target() {
    let p = TempProject::empty();
    p.write(
        "net/catalog.toml",
        "[[document]]\nfile = \"plans/nagi.txt\"\nmunicipality = \"凪浜市\"\ntitle = \"凪浜市 行政改革実施計画\"\n",
    );
    p.write(
        "net/plans/nagi.txt",
        "凪浜市 行政改革実施計画\n\n取組１ 窓口の電子化\n\
         区分　　指標名　　　　　　　　　単位　　現状値　　Ｒ６　　Ｒ７　　Ｒ８　　Ｒ９　　Ｒ１０\n\
         活動指標　電子申請できる手続数　手続　　　３５　　５０　　７０　　９０　１１０　　１３０\n\
         成果指標　電子申請の利用率　　　％　　　　９．５　１２．０　１６．０　２０．０　２４．０　２８．０\n",
    );
    let q = |id: &str, question: &str, kind: &str, must: &[&str]| {
        serde_json::json!({"id": id, "question": question, "kind": kind, "must_contain": must,
            "sources": ["nagi.txt"]})
        .to_string()
    };
    let questions = [
        q("a", "電子申請できる手続数の目標は？", "target", &["130"]),
        q("b", "電子申請の利用率、令和8年度は何％を目指す？", "target", &["20.0"]),
        q("c", "電子申請の利用率の現状は？", "current", &["9.5"]),
    ]
    .join("\n");
    let (answers, report) = net_eval(&p, &questions);
    for a in &answers {
        assert_eq!(a["found"], true, "{a}");
    }
    assert!(report.contains("found but wrong: 0 of 3 found answers"), "{report}");
}

#[test]
fn net_a_baseline_question_gets_the_baseline_and_the_unit_must_fit() {
    let p = net_project();
    let (code, v) = ask_json_in(&p, "net", "空き家バンクの成約件数は今何件？");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert_eq!(code, 0, "{v}");
    assert!(answer.contains("12件"), "{answer}");
    // 何% is not answered with a count.
    let (_, v) = ask_json_in(&p, "net", "空き家バンクの成約率は何％？");
    assert_eq!(v["found"], false, "{v}");
}

#[test]
fn net_homophone_typos_are_read_as_the_plans_word_only_when_the_plans_lack_the_typed_one() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 健康づくり計画\"\n",
    );
    p.write(
        "town/plan.md",
        "# 健康づくり計画\n\n## 成果指標\n\n| 指標名 | 現状値（令和5年度） | 目標値（令和11年度） |\n|---|---|---|\n\
         | 特定健診の受診率 | 41.5% | 60.0% |\n| 放課後児童クラブの待機児童数 | 9人 | 0人 |\n\
         | 乳がん検診の受診率 | 18.0% | 30.0% |\n",
    );
    // 検診 and 健診 read the same (ケンシン): the plan says 特定健診, never 特定検診.
    let (found, answer) = found_and_answer(&p, "town", "特定検診の受診率の目標は？");
    assert!(
        found && answer.contains("60.0%") && answer.contains("「特定検診」を「特定健診」と読み替えました"),
        "{answer}"
    );
    // 待期 (a waiting period) for 待機 (waiting): the same sound, the plan's word.
    let (found, answer) = found_and_answer(&p, "town", "待期児童数の目標は？");
    assert!(found && answer.contains("0人"), "{answer}");
    // 目票 read letter by letter (モク・ヒョウ) is the plans' 目標, whose reading as a word
    // (モクヒョウ) its letters read alone (メ, シメギ) do not give.
    let (found, answer) = found_and_answer(&p, "town", "待機児童数の目票は？");
    assert!(found && answer.contains("0人") && answer.contains("「目票」を「目標」と読み替えました"), "{answer}");
    // The plan uses 乳がん検診 as typed: nothing is read otherwise.
    let (found, answer) = found_and_answer(&p, "town", "乳がん検診の受診率の目標は？");
    assert!(found && answer.contains("30.0%") && !answer.contains("読み替え"), "{answer}");
    // A word no plan word sounds like stays what it is, and is not found.
    let (found, answer) = found_and_answer(&p, "town", "特定保健指導の実施率の目標は？");
    assert!(!found, "{answer}");
}

#[test]
fn net_everyday_words_stand_for_the_plans_words() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 子育て支援計画\"\n",
    );
    p.write(
        "town/plan.md",
        "# 子育て支援計画\n\n## 成果指標\n\n| 指標名 | 現状値（令和5年度） | 目標値（令和11年度） |\n|---|---|---|\n\
         | 子育てに不安を感じる保護者の割合 | 35.0% | 25.0% |\n\
         | 放課後児童クラブの登録児童数 | 310人 | 380人 |\n\
         | 親子で参加できる講座の数 | 4講座 | 8講座 |\n",
    );
    let (found, answer) = found_and_answer(&p, "town", "子育てに不安を感じる親の割合の目標は？");
    assert!(found && answer.contains("25.0%"), "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "学童の登録児童数は何人にする？");
    assert!(found && answer.contains("380人"), "{answer}");
    // 親 in 親子 is not 保護者.
    let (found, answer) = found_and_answer(&p, "town", "親子で参加できる講座の数の目標は？");
    assert!(found && answer.contains("8講座") && !answer.contains("25.0%"), "{answer}");
}

// ------------------------------------- look4a: the words a citizen types for the plan's words

/// Two fictional municipalities: 萩ヶ丘市 with two editions of its 総合戦略 (the same row, other
/// targets), 柚木町 with a row in digits (1人), a row counted in 手続, and a note declaring a
/// figure a 参考値 with no target.
fn look4a_project() -> TempProject {
    let p = TempProject::empty();
    p.write(
        "kana/catalog.toml",
        "[[document]]\nfile = \"hagi1.md\"\nmunicipality = \"萩ヶ丘市\"\ntitle = \"萩ヶ丘市 第１期総合戦略\"\n\n\
         [[document]]\nfile = \"hagi2.md\"\nmunicipality = \"萩ヶ丘市\"\ntitle = \"萩ヶ丘市 第２期総合戦略\"\n\n\
         [[document]]\nfile = \"yuzu.md\"\nmunicipality = \"柚木町\"\ntitle = \"柚木町 くらしの行動計画\"\n",
    );
    let strategy = |base: &str, target: &str| {
        format!(
            "## 基本目標１ 交流人口をふやす\n\n| 指標名 | 基準値（令和元年度） | 目標値（令和６年度） |\n|---|---|---|\n\
             | 宿泊観光客数 | {base} | {target} |\n| 移住相談の件数 | 40件 | 60件 |\n"
        )
    };
    p.write("kana/hagi1.md", &format!("# 萩ヶ丘市 第１期総合戦略\n\n{}", strategy("31,000人", "36,000人")));
    p.write("kana/hagi2.md", &format!("# 萩ヶ丘市 第２期総合戦略\n\n{}", strategy("33,500人", "41,000人")));
    p.write(
        "kana/yuzu.md",
        "# 柚木町 くらしの行動計画\n\n## 施策１ 誰もが参画できる町\n\n\
         | 指標名 | 現状値（令和5年度） | 目標値（令和10年度） |\n|---|---|---|\n\
         | 女性が1人もいない委員会の数 | 4委員会 | 0委員会 |\n| 電子申請できる手続数 | 30手続 | 85手続 |\n\n\
         （注）町内の事業所の女性管理職の割合（令和5年度事業所調査で9.8％）は、参考値とし目標を設けない。\n",
    );
    p
}

#[test]
fn look4a_a_place_name_in_another_kana_is_the_catalogs() {
    let p = look4a_project();
    for q in
        ["萩が丘市の移住相談の件数の目標は？", "萩ケ丘の移住相談の件数の目標は？", "萩ガ丘市の移住相談の件数の目標は？"]
    {
        let (found, answer) = found_and_answer(&p, "kana", q);
        assert!(found && answer.contains("60件") && !answer.contains("登録されていません"), "{q}: {answer}");
    }
}

#[test]
fn look4a_an_ordinal_alone_names_its_edition() {
    let p = look4a_project();
    let (found, answer) = found_and_answer(&p, "kana", "萩ヶ丘市の宿泊観光客数、第２期で何人が目標？");
    assert!(found && answer.contains("41,000人") && !answer.contains("36,000人"), "{answer}");
    let (found, answer) = found_and_answer(&p, "kana", "萩ヶ丘市の宿泊観光客数、第１期の目標は？");
    assert!(found && answer.contains("36,000人") && !answer.contains("41,000人"), "{answer}");
}

#[test]
fn look4a_a_number_in_kanji_and_any_counter_match_the_plans_row() {
    let p = look4a_project();
    let (found, answer) = found_and_answer(&p, "kana", "女性が一人もいない委員会、今いくつ？");
    assert!(found && answer.contains("4委員会"), "{answer}");
    // 何個 counts in the plan's own unit (手続).
    let (found, answer) = found_and_answer(&p, "kana", "電子申請できる手続は何個まで増やすの？");
    assert!(found && answer.contains("85手続"), "{answer}");
}

#[test]
fn look4a_a_figure_declared_to_have_no_target_is_no_target() {
    let p = look4a_project();
    let (found, answer) = found_and_answer(&p, "kana", "柚木町の事業所の女性管理職の割合、目標は？");
    assert!(!found && !answer.contains("9.8"), "{answer}");
}

/// A fictional plan whose measures stand in layouts the reader may not read as records: a
/// 取組シート (取組名 on one line, 担当課 on the next), 【主な事業】 with departments in brackets,
/// a row of columns whose department cell goes on in the next line, and a row whose target is
/// a change with no figure (倍増).
fn look4a_net_project() -> TempProject {
    let p = TempProject::empty();
    p.write(
        "net/catalog.toml",
        "[[document]]\nfile = \"plans/nagi.txt\"\nmunicipality = \"凪野町\"\ntitle = \"凪野町 くらし改革プラン\"\n",
    );
    p.write(
        "net/plans/nagi.txt",
        "凪野町 くらし改革プラン\n\n\
         第1章 取組シート\n\
         取組名　　役場の窓口予約制の導入\n\
         担当課　　住民生活課　　　関係課　　情報政策課\n\
         取組内容　来庁の前に予約できる窓口を設ける。\n\n\
         【主な事業】空き店舗の活用支援（商工観光課・まちづくり推進室）／移住体験ツアー（企画課）\n\n\
         事業名　　　　　　　内容　　　　　　　　　　　　　担当\n\
         学校給食の地場産化　町内産の野菜を給食に使う　　　教育委員会\n\
         \u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}農林振興課\n\n\
         防災リーダーの養成課題を整理し、研修の内容を見直します。\n\n\
         第2章 指標\n\
         指標　　　　　　　　　　　　現状値　　　目標値\n\
         骨密度検診の受診率　　　　　７．２％　　倍増\n",
    );
    p
}

#[test]
fn look4a_a_department_named_after_the_topic_in_the_text_is_answered_from_it() {
    let p = look4a_net_project();
    let q = |id: &str, question: &str, kind: &str, must: &[&str]| {
        serde_json::json!({"id": id, "question": question, "kind": kind, "must_contain": must,
            "sources": ["nagi.txt"]})
        .to_string()
    };
    let questions = [
        q("a", "窓口予約制の担当課は？", "department", &["住民生活課"]),
        q("b", "空き店舗の活用支援はどこの課？", "department", &["商工観光課", "まちづくり推進室"]),
        q("c", "移住体験ツアーの担当は？", "department", &["企画課"]),
        // Half a cell (教育委員会 without 農林振興課) is no answer.
        q("d", "学校給食の地場産化の担当課は？", "none", &[]),
        // 倍増 is the target; 7.2% is where it starts.
        q("e", "骨密度検診の受診率の目標は？", "none", &[]),
        // 養成課題 names no 養成課.
        q("f", "防災リーダーの養成はどこの課？", "none", &[]),
    ]
    .join("\n");
    let (answers, _) = net_eval(&p, &questions);
    let by_id = |id: &str| answers.iter().find(|a| a["id"] == id).unwrap();
    for (id, must) in [("a", &["住民生活課"][..]), ("b", &["商工観光課", "まちづくり推進室"]), ("c", &["企画課"])]
    {
        let a = by_id(id);
        let text = a["answer"].as_str().unwrap_or_default();
        assert!(a["found"] == true && must.iter().all(|m| text.contains(m)), "{a}");
        assert!(!text.contains("情報政策課"), "{a}");
    }
    let a = by_id("d");
    assert!(a["found"] == false || a["answer"].as_str().unwrap_or_default().contains("農林振興課"), "{a}");
    assert_eq!(by_id("f")["found"], false, "{}", by_id("f"));
    let a = by_id("e");
    assert!(a["found"] == false || !a["answer"].as_str().unwrap_or_default().contains("7.2"), "{a}");
}

// ------------------------------------- look5a: the passage net states no figure but the one asked

/// A made-up plan whose text holds the distractors a citizen's plan carries around its figures:
/// a statistic told in the past under a ruled-off list of targets, the nation's average, the
/// length of a pipe a measure renews, a department after 所管.
fn look5a_project() -> TempProject {
    let p = TempProject::empty();
    p.write(
        "net/catalog.toml",
        "[[document]]\nfile = \"plans/hotaru.txt\"\nmunicipality = \"蛍谷町\"\ntitle = \"蛍谷町 まちづくり計画\"\n\n\
         [[document]]\nfile = \"plans/kaede.txt\"\nmunicipality = \"楓台村\"\ntitle = \"楓台村 まちづくり計画\"\n",
    );
    p.write(
        "net/plans/hotaru.txt",
        "蛍谷町 まちづくり計画\n\n\
         ━━━━━━━━━━━━━━━━━━━━\n\
         分野１　健康\n\
         ━━━━━━━━━━━━━━━━━━━━\n\
         ★めざす数字\n\
         \u{3000}健診を受けた人の割合\n\
         \u{3000}\u{3000}いま\u{3000}３８．９％\u{3000}\u{3000}▶\u{3000}\u{3000}５年後\u{3000}５０％\n\
         ━━━━━━━━━━━━━━━━━━━━\n\
         分野２　産業\n\
         ━━━━━━━━━━━━━━━━━━━━\n\
         \u{3000}町の特産の「蛍茶」の出荷額は令和５年に２億１，０００万円で、１０年前の７割に減りました。\n\n\
         （参考）全国平均（令和４年度）は、水道管路の耐震適合率４２．３％です。\n\n\
         取組\u{3000}\u{3000}内容\u{3000}\u{3000}担当\n\
         管路の耐震化\u{3000}\u{3000}浄水場から配水池までの導水管更新（延長４．２km）\u{3000}\u{3000}建設課\n\n\
         - 避難所の環境改善\n\
         \u{20}\u{20}- 指定避難所に空調と非常用電源を整えます。\n\
         \u{20}\u{20}- 所管：危機管理課\n",
    );
    p.write("net/plans/kaede.txt", "楓台村 まちづくり計画\n\n第1章 村の現状\n村の人口は令和2年に3,100人でした。\n");
    p
}

#[test]
fn look5a_the_net_refuses_a_figure_that_is_not_the_one_asked() {
    let p = look5a_project();
    let q = |id: &str, question: &str, kind: &str, must: &[&str]| {
        serde_json::json!({"id": id, "question": question, "kind": kind, "must_contain": must,
            "sources": ["hotaru.txt"]})
        .to_string()
    };
    let questions = [
        // The statistic is told in the past; the arrows of the list above are another block's.
        q("a", "蛍茶の出荷額、目標はいくら？", "none", &[]),
        // The nation's average is not the town's.
        q("b", "蛍谷町の水道管路の耐震適合率、今どのくらい？", "none", &[]),
        // A length in a measure's cell states no current value of anything.
        q("c", "管路の耐震化、今どのくらい？", "none", &[]),
        // What the net may say, it still says.
        q("d", "健診を受けた人の割合、5年後の目標は？", "target", &["50%"]),
        q("e", "避難所にエアコンを入れるのはどこの課？", "department", &["危機管理課"]),
        // A department asked of two places is not answered with one.
        q("f", "避難所の空調の担当課、蛍谷町と楓台村は？", "none", &[]),
    ]
    .join("\n");
    let (answers, _) = net_eval(&p, &questions);
    let by_id = |id: &str| answers.iter().find(|a| a["id"] == id).unwrap();
    for id in ["a", "b", "c", "f"] {
        assert_eq!(by_id(id)["found"], false, "{}", by_id(id));
    }
    let d = by_id("d");
    assert!(d["found"] == true && d["answer"].as_str().unwrap_or_default().contains("50%"), "{d}");
    assert!(!d["answer"].as_str().unwrap_or_default().contains("7割"), "{d}");
    let e = by_id("e");
    assert!(e["found"] == true && e["answer"].as_str().unwrap_or_default().contains("危機管理課"), "{e}");
}

#[test]
fn look5a_a_place_name_typed_in_kana_is_read_as_the_catalogs() {
    let p = look5a_project();
    // ほたるだに: 蛍谷 reads ホタルタニ, typed with the voiced だ; only 楓台村 has a population.
    let (_, v) = ask_json_in(&p, "net", "ほたるだにの人口は？");
    assert_eq!(v["found"], false, "{v}");
    // The answer is scoped to 蛍谷町, as if its name had been typed in kanji.
    assert!(v["answer"].as_str().unwrap_or_default().starts_with("蛍谷町の計画には"), "{v}");
    let (_, v) = ask_json_in(&p, "net", "蛍谷町の人口は？");
    assert!(v["answer"].as_str().unwrap_or_default().starts_with("蛍谷町の計画には"), "{v}");
}

#[test]
fn look5a_a_homophone_read_as_a_whole_word_is_the_plans_word() {
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 防災計画\"\n",
    );
    p.write(
        "town/plan.md",
        "# 防災計画\n\n## 成果指標\n\n| 指標名 | 現状値（令和5年度） | 目標値（令和11年度） |\n|---|---|---|\n\
         | 感震ブレーカーの設置補助件数 | 312件 | 1,000件 |\n",
    );
    // 心 alone reads ココロ, in 感心 シン: 感心 and 感震 meet only as words (カンシン).
    let (found, answer) = found_and_answer(&p, "town", "感心ブレーカーの設置補助件数の目標は？");
    assert!(found && answer.contains("1,000件") && answer.contains("「感心」を「感震」と読み替えました"), "{answer}");
}

#[test]
fn a_word_is_not_read_as_two_letters_of_two_words_of_the_plan() {
    let p = TempProject::empty();
    p.write(
        "city/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空市\"\ntitle = \"架空市 実施計画\"\n",
    );
    p.write(
        "city/plan.md",
        "# 実施計画\n\n## 事業\n\n| No. | 事業名 | 担当課 |\n|---|---|---|\n\
         | 1 | 放課後児童クラブの拡充 | 子育て支援課 |\n| 2 | 雨水幹線整備事業 | 下水道課 |\n\
         | 3 | 管路の目視点検 | 下水道課 |\n",
    );
    // 工事 (コウジ) is in no text of the plan, but it is no typo of 後児 (放課後|児童).
    let (found, answer) = found_and_answer(&p, "city", "雨水の幹線の工事、担当課おしえて");
    assert!(found && answer.contains("下水道課") && !answer.contains("読み替え"), "{answer}");
    // Nor is the stem of a verb (目指 of 目指してる) a typo of a word of the plan (目視).
    let (found, answer) = found_and_answer(&p, "city", "放課後児童クラブの拡充を目指してるのはどこの課？");
    assert!(found && answer.contains("子育て支援課") && !answer.contains("読み替え"), "{answer}");
}

#[test]
fn the_periods_of_two_plans_are_compared() {
    let p = TempProject::empty();
    p.write(
        "towns/catalog.toml",
        "[[document]]\nfile = \"farm.txt\"\nmunicipality = \"青葉村\"\ntitle = \"青葉村有機農業実施計画\"\n\n\
         [[document]]\nfile = \"wood.txt\"\nmunicipality = \"白樫町\"\ntitle = \"白樫町木材利用方針\"\n",
    );
    p.write(
        "towns/farm.txt",
        "青葉村有機農業実施計画\n\n１　計画期間\n　令和６年度から令和12年度までの７年間とする。\n",
    );
    p.write("towns/wood.txt", "白樫町木材利用方針\n\n対象期間　令和７年度 → 令和16年度（10年間）\n");
    let (code, v) = ask_json_in(&p, "towns", "有機農業の計画と木材利用の方針、期間が長いのはどっち？");
    assert_eq!(code, 0, "{v}");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("令和6年度〜令和12年度") && answer.contains("令和7年度〜令和16年度"), "{answer}");
    assert!(answer.contains("期間が長いのは 白樫町"), "{answer}");
    assert_eq!(v["citations"].as_array().map(Vec::len), Some(2), "{v}");
    // Which ends first is the earlier end.
    let (_, v) = ask_json_in(&p, "towns", "有機農業の計画と木材利用の方針、終わるのが早いのはどっち？");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("先に終わるのは 青葉村"), "{answer}");
    // Two plans named by runs of different lengths: each names its own document.
    let (_, v) = ask_json_in(&p, "towns", "木材の方針と有機農業の計画、期間が長いのはどっち？");
    let answer = v["answer"].as_str().unwrap_or_default();
    assert!(answer.contains("期間が長いのは 白樫町"), "{answer}");
}

/// 「〇〇計画の目標年度っていつ？」 asks for the end of the named plan's period, not for an
/// indicator's target; and a period stated after a sentence about the prefecture's plan is the
/// document's own.
#[test]
fn the_target_year_of_a_named_plan_is_its_period() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "峰見村",
        "峰見村農地活用計画",
        "峰見村農地活用計画\n\n１　計画の趣旨\n県の基本計画と連携し、村の農地を守る計画を定めます。計画期間は、令和７年４月１日から令和17年３月31日までとします。\n\n２　目標\n前回の計画では、担い手への集積率70%を目標としていました。\n担い手への農地の集積率を令和16年度に80%に高めます。\n",
    );
    let (code, out, _) = run(&p, &["ask", "峰見村の農地活用計画の目標年度っていつ？"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("令和16年度") && out.contains("計画期間"), "{out}");
    assert!(!out.contains("70%"), "{out}");
}

/// A period sentence broken at the end of its line is the plan's period, and 「何年間の計画？」
/// asks it (said with how many years it runs); a figure called an estimate (推計) is no target,
/// even in a sentence that goes on to another body's target.
#[test]
fn a_wrapped_period_how_long_a_plan_runs_and_an_estimate_is_no_target() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "岩瀬町",
        "岩瀬町住宅耐震化促進計画",
        "岩瀬町住宅耐震化促進計画\n\n１　計画の概要\n　この計画は、地震に強いまちをつくるために住宅の耐震化を進めるものです。計画期間は令和７年度から\n令和16年度までの10年間です。\n\n２　現状\n　※住宅の耐震化率は推計78.3％（令和２年）、県の目標は令和12年度までに95％。\n",
    );
    let (code, out, _) = run(&p, &["ask", "岩瀬町の耐震化の計画は何年間の計画？"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("令和7年度〜令和16年度（10年間）") && out.contains("a.txt:4"), "{out}");
    let (code, out, _) = run(&p, &["ask", "岩瀬町は住宅の耐震化率を何％にする目標？"]);
    assert_eq!(code, 1, "not found: {out}");
    assert!(!out.contains("78.3") && !out.contains("95"), "{out}");
}

/// A row of an age group (「40歳代の特定健診受診率」) is not the figure of everyone; asked of
/// that age (「４０代の」), it is.
#[test]
fn an_age_group_answers_only_for_its_age() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "楡川市",
        "楡川市国民健康保険保健事業実施計画",
        "楡川市国民健康保険保健事業実施計画\n\n３　評価指標\n\n| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| 40歳代の特定健診受診率 | 22.7％ | 35.0％ |\n| 特定健康診査受診率 | 39.8％ | 60.0％ |\n",
    );
    let all = answer_line(&p, "楡川市の特定健診の受診率、何％めざしてる？");
    assert!(all.contains("60.0%") && !all.contains("35.0"), "{all}");
    assert!(answer_line(&p, "４０代の特定健診の受診率、目標いくつ？").contains("35.0%"));
}

/// A row of a whole (「…（小中学校全体）」) is not the figure of a part the question names
/// (中学校), which it holds only inside a longer word; asked of the whole, it answers.
#[test]
fn a_whole_answers_no_question_about_its_part() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "楡見台市",
        "楡見台市教育職員業務量管理計画",
        "楡見台市教育職員業務量管理計画\n\n３　目標\n\n| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| 月45時間を超えた教員の割合（小中学校全体、月平均） | 36.4％ | 10.0％以下 |\n",
    );
    states_none_of(&p, &[("楡見台市の中学校で月45時間超えてる先生の割合は？", &["36.4", "10.0"][..])]);
    assert!(answer_line(&p, "楡見台市の月45時間を超えた教員の割合の目標は？").contains("10.0%以下"));
}

/// A figure in a sentence that makes a noun of its thing (「…71.8km（舗装率74.5％）を対象とします」)
/// is no target, as 「職員数を143人とします」 would be.
#[test]
fn a_figure_taken_as_the_scope_is_no_target() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "榊木村",
        "榊木村舗装個別施設計画",
        "榊木村舗装個別施設計画\n\n（３）対象\n　村道148路線、実延長96.4kmのうち、舗装している71.8km（舗装率74.5％）を対象とします。\n",
    );
    states_none_of(&p, &[("榊木村は村道の舗装率を何％にする目標？", &["74.5", "71.8"][..])]);
}

/// Figures told in prose that are neither now nor the aim: where a past change started from and
/// by how much it changed (「職員数は…861人から19人減少しました」), a step at the midpoint
/// (「中間評価では…60.0%を目安とする」) asked as the final target, and a state compared with the
/// prefecture's (「…68.4%(令和6年度)で、県平均(72.1%)を下回る」).
#[test]
fn a_past_change_a_midpoint_and_a_comparison_answer_neither_now_nor_the_aim() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷺沼市",
        "鷺沼市行政改革推進計画",
        "鷺沼市行政改革推進計画\n\n１　これまでの取組\n　事務事業の見直しにより４年間で累計約３億円の効果額を上げました。職員数は令和２年４月の８６１人から１９人減少しました。\n\n２　雨水対策\n　令和16年度の目標は計画期間の最終年度の目標であり、中間評価（令和11年度）では重点地区の雨水整備率60.0％を目安とする。\n\n３　農業\n　水田の区画整理（30a区画以上）の整備率は68.4％（令和６年度）で、県平均（72.1％）を下回る。\n",
    );
    states_none_of(
        &p,
        &[
            ("鷺沼市の職員って今何人いるの", &["861", "19人"][..]),
            ("鷺沼市の重点地区の雨水整備率、最終目標は？", &["60.0"][..]),
            ("鷺沼市の水田の区画整理の整備率の目標は？", &["68.4", "72.1"][..]),
        ],
    );
}

/// 「町全体の…」 asks the whole: rows of one part each (「…(町長部局)」「…(教育委員会)」) are
/// not stated as its figure; the part asked by name still is.
#[test]
fn the_whole_asked_is_not_answered_by_the_rows_of_its_parts() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷺沼町",
        "鷺沼町障害者活躍推進計画",
        "鷺沼町障害者活躍推進計画\n\n１　目標\n\n| 指標 | 現状値（令和６年） | 目標値（令和11年） |\n|---|---|---|\n| 障害者である職員の実雇用率（町長部局） | 2.62％ | 3.00％以上 |\n| 障害者である職員の実雇用率（教育委員会） | 1.85％ | 2.90％以上 |\n",
    );
    let (_, out, _) = run(&p, &["ask", "鷺沼町全体の障害者の実雇用率、いまは？"]);
    assert!(!out.contains("2.62") && !out.contains("1.85"), "{out}");
    let (code, out, _) = run(&p, &["ask", "鷺沼町の教育委員会の障害者の実雇用率、いまは？"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1.85"), "{out}");
}

/// What an indicator's own name says decides what it answers: a KPI under the heading
/// 「関係人口の創出」 is no figure of 人口 (while 関係人口, said whole, is one name); a count asked
/// with 「いくつ」 is not answered in hours, nor 「何戸」 by a row counted in 件/年 its name states, nor
/// 「寄附額」 by 寄附件数, nor 人口 by 人口密度, nor 消防団員 by 女性消防団員数; a figure written 「2万6千人」 is one figure.
#[test]
fn an_indicator_answers_for_what_its_own_name_and_unit_say() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷺ノ木町",
        "第３期鷺ノ木町総合戦略",
        "第３期鷺ノ木町総合戦略\n\n（１）関係人口の創出\n　・ワーケーションの受入れ\n| ＫＰＩ | 基準値 | 目標値 |\n|---|---|---|\n| コワーキングスペースの利用者数（年間） | 1,870人 | 3,000人 |\n| 関係人口（ふるさと納税寄附者数） | 2,100人 | 3,500人 |\n\n（２）部活動の地域移行\n| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| 教員の休日の部活動指導時間（月平均） | 11.8時間 | 2.0時間以下 |\n| 空き家バンクを通じた成約件数（件/年） | 6 | 10 |\n| ふるさと納税の寄附件数（件） | 8,412 | 12,000 |\n| 居住誘導区域内の人口密度 | 42.3人/ha | 40.0人/ha以上 |\n| 女性消防団員数 | 19人 | 30人 |\n\n（３）観光\n　・町営スキー場の利用者数　２万6千人（令和６年度）→　３万5千人（令和12年度）\n",
    );
    states_none_of(
        &p,
        &[
            ("鷺ノ木町の人口の目標は何人？", &["3,000", "1,870"][..]),
            ("鷺ノ木町は部活動の数をいくつまで減らす目標？", &["2.0"][..]),
            ("鷺ノ木町の空き家って何戸あるの？", &["10"][..]),
            ("鷺ノ木町はふるさと納税の寄附額を何円にする目標？", &["12,000"][..]),
            ("鷺ノ木町の2045年の人口の目標は？", &["40.0", "42.3"][..]),
            ("鷺ノ木町の消防団員って今何人おるの？", &["19人", "30人"][..]),
        ],
    );
    for (question, figure) in [("鷺ノ木町の関係人口の目標は？", "3,500"), ("スキー場の利用者、目標なんぼ？", "3万5千")]
    {
        let (code, out, _) = run(&p, &["ask", question]);
        assert_eq!(code, 0, "{question}: {out}");
        assert!(out.contains(figure), "{question}: {out}");
    }
}

/// Statistics told in prose are no target: a figure the words after it call an estimate
/// (「…78.4%と推計しており、県の目標（…95%）を下回っています」), and a list of shares whose
/// 以上 says which parents are counted (「1日2時間以上見せている保護者 29.5%」).
#[test]
fn an_estimate_and_a_bound_that_qualifies_are_no_target() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷺ヶ丘町",
        "鷺ヶ丘町子育て応援計画",
        "鷺ヶ丘町子育て応援計画\n\n第２章　子育てを取り巻く現状\n　保護者アンケートの結果は次のとおりです。\n　・家庭で絵本の読み聞かせを週３回以上している保護者　52.6％\n　・スマートフォン等を１日２時間以上見せている保護者　29.5％\n\n第３章　子育ての施策\n　絵本の配布、親子で遊べる場の整備、相談窓口の充実を進めます。\n　保育所の受入れを広げます。\n\n第４章　住まい\n　空き家の活用を進めます。\n　住宅の耐震化率は令和５年度で78.4％と推計しており、県の目標（令和12年度に95％）を下回っています。\n",
    );
    states_none_of(
        &p,
        &[
            ("鷺ヶ丘町、スマホを見せる時間が長い家庭をどれだけ減らす目標？", &["29.5", "52.6"][..]),
            ("鷺ヶ丘町の住宅の耐震化率の目標は？", &["78.4", "95"][..]),
        ],
    );
}

/// A cover that gives the period in tortoise-shell brackets with each year's western year
/// (「〔令和８年度（2026年度）～令和12年度（2030年度）〕」) states the plan's period, and
/// 「何年までですか」 asks for it.
#[test]
fn a_cover_period_in_tortoise_shell_brackets_answers_until_what_year() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷺原市",
        "鷺原市中小企業・小規模企業振興基本計画",
        "鷺原市中小企業・小規模企業振興基本計画\n〔令和８年度（2026年度）～令和12年度（2030年度）〕\n\n１　現状\n　・商店街の空き店舗率は18.9％（令和６年７月）で、県内平均は14.2％。\n",
    );
    let (code, out, _) = run(&p, &["ask", "中小企業の振興計画、鷺原市のは何年までですか"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("令和12年度") && !out.contains("18.9"), "{out}");
}

/// A sentence broken after a closing bracket goes on on the next line when that line opens with
/// a particle (「…「これからも…住み続けたい」」 / 「と答えた人が82.1％…」), so its figure is found;
/// and a sentence about an earlier plan whose every year is before this plan's start
/// (「第二次計画（平成22年策定、目標年次 令和２年）は…廃止します」) does not say when this plan runs.
#[test]
fn a_sentence_going_on_after_a_bracket_and_an_earlier_plans_years() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷺谷村",
        "鷺谷村国土利用計画",
        "鷺谷村国土利用計画\n\n１　計画の趣旨\n　この計画は村土の利用に関して必要な事項を定めるもので、総合計画に即して策定したものです。\n　なお、第二次計画（平成22年策定、目標年次 令和２年）は本計画の策定をもって廃止します。\n\n２　村民の意識\n　令和６年度の村民意識調査では、「これからも鷺谷村に住み続けたい」\nと答えた人が82.1％、「村に愛着を感じる」と答えた人が74.6％でした。\n",
    );
    // The plan runs 2025–2035 by the catalog.
    p.write(
        "data/catalog.toml",
        "[[document]]\nfile = \"plans/a.txt\"\nmunicipality = \"鷺谷村\"\ntitle = \"鷺谷村国土利用計画\"\nperiod = \"2025-2035\"\n",
    );
    let (code, out, _) = run(&p, &["ask", "鷺谷村に住み続けたいって人、何割くらい？"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("82.1"), "{out}");
    // Not found (the earlier plan named only as related) rather than stated as the answer.
    let (code, out, _) = run(&p, &["ask", "鷺谷村の国土利用計画、目標年次はいつ？"]);
    assert!(!(code == 0 && out.contains("令和2年")), "{out}");
}

/// After a comma, the noun right before a figure says what it counts: in 「子育て世帯の移住を進めて、
/// 令和16年の人口11000人をめざします」 the figure is of 人口, not of the 移住 asked about.
#[test]
fn a_figure_of_another_noun_after_a_comma_is_not_the_topics() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷺野町",
        "鷺野町総合計画 概要版",
        "鷺野町総合計画 概要版\n\n１　まちの将来像\n　町では、子育て世帯の移住を進めて、令和16年の人口11000人をめざします。\n",
    );
    let (_, out, _) = run(&p, &["ask", "鷺野町で移住してくる人を年何人にしたいの"]);
    assert!(!out.contains("11000"), "{out}");
    // The noun asked for itself is still read: 人口 is the topic here.
    let (code, out, _) = run(&p, &["ask", "鷺野町の人口の目標は？"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("11000"), "{out}");
}

/// Asks a question the plans answer (exit code 0) and returns the answer's first line, without
/// its citations.
fn answer_line(p: &TempProject, question: &str) -> String {
    let (code, out, _) = run(p, &["ask", question]);
    assert_eq!(code, 0, "{question}: {out}");
    out.lines().next().unwrap_or("").to_string()
}

/// Asks each question and checks that the answer states none of its figures (a wrong figure, or
/// one that is not what was asked).
fn states_none_of(p: &TempProject, cases: &[(&str, &[&str])]) {
    for (question, figures) in cases {
        let (_, out, _) = run(p, &["ask", question]);
        assert!(figures.iter().all(|f| !out.contains(f)), "{question}: {out}");
    }
}

/// Columns of figures to compare with stand beside the plan's own: the earlier plan's target
/// before the baseline in a table dumped one row a line, 「（参考）第２次計画の目標値」 after the
/// target under a header of three lines. Neither is stated as this plan's figure.
#[test]
fn columns_to_compare_with_are_not_the_plans_figures() {
    let plan = [
        "鷹巣市 第３次総合計画 後期基本計画",
        "",
        "施策４－１　防災力の向上",
        "［成果指標］",
        "指標名 単位 前期目標（R7） 現状値（R6） 目標値（R12）",
        "防災士の人数 人 150 138 200",
        "",
        "施策４－２　雪に強いまち",
        "　指標　　　　　　　　　　　　　　現状値　　　　目標値　　　　（参考）",
        "　　　　　　　　　　　　　　　　　（令和６　　　（令和12　　　 第２次計画",
        "　　　　　　　　　　　　　　　　　 年度）　　　　年度）　　　　の目標値",
        "　除雪ボランティアの数（人）　　　　210　　　　　240　　　　　　230",
        "　防雪柵の延長（km）　　　　　　　　8.4　　　　　9.0　　　　　　8.8",
        "",
        "施策４－３　食育",
        "　指標名　　　　　　　　　　　　現状値　　目標値　　（参考）国の目標",
        "　家族と一緒に食事をする回数　　週9.2回　 週11回　　週11回以上",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "鷹巣市 第３次総合計画 後期基本計画", &plan);
    for (question, said) in [
        ("鷹巣市の防災士は今何人？", "138人"),
        ("鷹巣市の防災士の目標は？", "200人"),
        ("除雪ボランティアを何人に増やすの", "目標値 240"),
        ("防雪柵は何キロまで延ばす？", "目標値 9.0"),
        ("家族で食事する回数の目標って週何回？", "目標値 週11回"),
    ] {
        let (code, out, _) = run(&p, &["ask", question]);
        assert_eq!(code, 0, "{question}: {out}");
        assert!(out.contains(said), "{question}: {out}");
    }
    states_none_of(
        &p,
        &[
            ("鷹巣市の防災士は今何人？", &["150人"][..]),
            ("除雪ボランティアを何人に増やすの", &["目標値 230"][..]),
            ("防雪柵は何キロまで延ばす？", &["目標値 8.8"][..]),
        ],
    );
}

/// A short list of measures says what each one does: 「何をするの」 is answered by the work
/// (護岸整備, 雨水貯留施設), not only by the items' titles.
#[test]
fn a_short_list_of_measures_says_what_each_does() {
    let plan = "鷹巣市 国土強靱化地域計画\n\n## 目標１　直接死を防ぐ\n\n#### 1-1　大雨や地震による建物の倒壊\n\n- 推進方針\n  - 住宅の耐震化\n    - 古い木造住宅の耐震改修に補助します。\n    - 所管：建築指導課\n\n#### 1-2　大雨による浸水\n\n- 推進方針\n  - 河川改修と雨水対策\n    - 鷹巣川の護岸整備と、雨水貯留施設の整備を進めます。\n    - 所管：河川課、下水道課\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "鷹巣市 国土強靱化地域計画", plan);
    let answer = answer_line(&p, "鷹巣市の大雨対策って何をするの？");
    assert!(answer.contains("河川改修と雨水対策（鷹巣川の護岸整備と、雨水貯留施設の整備を進めます）"), "{answer}");
}

/// 「先生」 is a word of the synonyms (教員), not an IME slip for 宣誓, the plans' word of the same
/// sound. A question of no kind that finds only related records says 「お尋ねのこと」 once.
#[test]
fn a_word_the_synonyms_know_is_no_typo() {
    let plan = "鷹巣町学びの推進プラン\n\n| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| ICT活用指導力研修を受けた教員の割合 | 67.0% | 100% |\n\n主な取組\n（１）パートナーシップ宣誓制度の周知　【担当】人権推進課\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町学びの推進プラン", plan);
    let answer = answer_line(&p, "先生のICT研修、目標は何パーセント？");
    assert!(answer.contains("100%") && !answer.contains("宣誓"), "{answer}");
    let (found, answer) = found_and_answer(&p, "data", "先生がICTうまく使えるって言ってる人どれくらい？");
    assert!(!found && answer.contains("関連する記述") && !answer.contains("お尋ねの内容"), "{answer}");
}

/// A rate asked (訓練実施率) is the share of those who do it (「訓練を実施した自主防災組織の割合」).
#[test]
fn a_rate_is_the_share_of_those_who_do_it() {
    let plan = "鷹巣町総合計画 実施計画\n\n基本目標３　暮らし・安全\n| 活動指標 | 現状値（R6） | 目標値（R10） |\n|---|---|---|\n| 防災訓練を実施した自主防災組織の割合（％） | 61.5 | 80.0 |\n| 自主防災組織の結成数 | 42 | 48 |\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町総合計画 実施計画", plan);
    let answer = answer_line(&p, "自主防災組織の訓練実施率の目標は？");
    assert!(answer.contains("80.0"), "{answer}");
}

/// 「…話」 is the matter asked about and names no topic the record must hold; a school's
/// everyday words find its plan's terms (synonyms.toml: まとめる → 集約, 体育館 → 屋内運動場).
#[test]
fn the_matter_asked_about_names_no_topic() {
    let plan = "鷹巣市学校施設長寿命化計画\n\n３　目標\n| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| 屋内運動場のバリアフリートイレのある学校の数 | 6校 | 全13校 |\n\n４　主な取組\n（１）プールの集約と民間プールの活用　【担当】教育施設課\n（２）トイレの洋式化　【担当】教育施設課\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "鷹巣市学校施設長寿命化計画", plan);
    let answer = answer_line(&p, "学校のプールをまとめる話って何課？");
    assert!(answer.contains("プールの集約") && answer.contains("教育施設課"), "{answer}");
    let answer = answer_line(&p, "体育館にバリアフリートイレがある学校　今と目標");
    assert!(answer.contains("6校") && answer.contains("全13校"), "{answer}");
}

/// 「直す」 is what a plan calls 修繕 or 補修 (synonyms.toml; Sudachi marks 直す as a word it does
/// not expand).
#[test]
fn to_fix_is_to_repair() {
    let plan = "鷹巣町橋梁長寿命化修繕計画\n\n３　目標\n| 指標 | 単位 | 現状値 | 目標値（R17） |\n|---|---|---|---|\n| 予防保全型の修繕を行った橋梁の数（累計） | 橋 | 0 | 60 |\n| 点検を行った橋梁の数 | 橋 | 134 | 134 |\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町橋梁長寿命化修繕計画", plan);
    let answer = answer_line(&p, "予防保全で直す橋、何橋にする？");
    assert!(answer.contains("60橋"), "{answer}");
}

/// 「保存修理　何件」 with no count or list of that name: the indicator counted in 件 says how many
/// there are and are to be. Its own name must say what it counts: the title's 女性 does not make
/// 「SNS相談の相談件数」 the count of 女性相談.
#[test]
fn a_count_asked_of_an_indicator_is_its_row() {
    let plan = "鷹巣町文化振興計画\n\n第３章　指標\n| 指標 | 単位 | 現状値 | 目標値（R15） |\n|---|---|---|---|\n| 保存修理を終えた町指定文化財の件数（累計） | 件 | ― | 10 |\n| 郷土資料館の年間入館者数 | 人 | 8,200 | 10,000 |\n\n第４章　取組\n・町指定文化財の保存修理への補助（文化財保護室）\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町文化振興計画", plan);
    let answer = answer_line(&p, "鷹巣町　文化財の保存修理　何件");
    assert!(answer.contains("10件"), "{answer}");
    let plan = "鷹巣町困難な問題を抱える女性への支援に関する基本計画\n\n第２章　現状\n女性相談の件数は増えています。\n\n第３章　指標\n| 指標 | 単位 | 現状値 | 目標値（R12） |\n|---|---|---|---|\n| SNS相談の相談件数（年間） | 件 | 96 | 300 |\n\n第４章　取組\n・女性相談支援員の増員（子育て支援課）\n";
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "鷹巣町",
        "鷹巣町困難な問題を抱える女性への支援に関する基本計画",
        plan,
    );
    states_none_of(&p, &[("鷹巣町の女性相談って年に何件くらいあるの？", &["96", "300"][..])]);
}

/// 「高校生の地元就職率」 is what a plan calls 「市内の高校卒業者の市内就職率」 (synonyms.toml:
/// 地元就職 → 市内就職, 高校生 → 高校卒業者).
#[test]
fn local_jobs_of_high_school_students_are_the_citys() {
    let plan = "鷹巣市総合戦略\n\n基本目標３　ＫＰＩ\n| 指標 | 現状値 | 目標値（R11） |\n|---|---|---|\n| 市内の高校卒業者の市内就職率 | 38.5％ | 45.0％ |\n| 市内事業所の従業者数 | 21,400人 | 22,000人 |\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "鷹巣市総合戦略", plan);
    let answer = answer_line(&p, "高校生の地元就職率、今と目標は？");
    assert!(answer.contains("38.5%") && answer.contains("45.0%"), "{answer}");
}

/// 「泊まり客」 is what a plan counts as 「宿泊者」 (synonyms.toml).
#[test]
fn overnight_guests_are_the_plans_staying_visitors() {
    let plan = "鷹巣村観光振興計画\n\n第３章　目標\n| 指標 | 現状値（R6） | 目標値（R12） |\n|---|---|---|\n| 外国人延べ宿泊者数（年間） | 3,460人泊 | 8,000人泊 |\n| 観光入込客数（年間） | 412,000人 | 450,000人 |\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣村", "鷹巣村観光振興計画", plan);
    let answer = answer_line(&p, "外国人の泊まり客、何人泊めざす？");
    assert!(answer.contains("8,000人泊"), "{answer}");
}

/// 「児童館、いま年間どのくらい使われてる？」: a row of things listed together
/// (「児童館・地域子育て支援センターの年間延べ利用者数」) is named by each of them.
#[test]
fn a_row_of_things_listed_together_is_named_by_each() {
    let plan = "鷹巣市子ども・子育て支援事業計画\n\n第３章　成果指標\n| 指標 | 現状値 | 目標値（R11） |\n|---|---|---|\n| 児童館・地域子育て支援センターの年間延べ利用者数 | 51,300人 | 64,000人 |\n| 保育士の新規採用者数（年間） | 12人 | 15人 |\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "鷹巣市子ども・子育て支援事業計画", plan);
    let answer = answer_line(&p, "鷹巣市の児童館、いま年間どのくらい使われてる？");
    assert!(answer.contains("51,300人"), "{answer}");
}

/// A sentence that foretells what comes of itself (「20年後には104橋に増えます」, 増える not 増やす)
/// sets no target: asked for one, the plan has none, and the figures of now are no answer either.
#[test]
fn a_foretold_change_is_no_target() {
    let plan = "鷹巣町道路・橋梁維持管理計画\n\n３　対象施設\n・町道　412路線　総延長386.4km（舗装率72.5％）\n・橋梁　134橋（うち橋長15ｍ以上 28橋）、トンネル２本、道路照明灯640基\n・建設後50年を経過した橋梁は令和６年度末で58橋（43.3％）ですが、20年後には104橋（77.6％）\n\u{3000}に増えます。\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町道路・橋梁維持管理計画", plan);
    states_none_of(&p, &[("建設から50年たった橋を何橋にする目標？", &["104", "58橋"][..])]);
}

/// A bracket that glosses the word before it (「電気自動車等（EV・PHV・FCV）の登録台数」) names the row
/// as well: 「EVの台数」 asks for it.
#[test]
fn a_bracket_that_glosses_a_word_names_the_row() {
    let plan = "鷹巣市ゼロカーボン推進計画\n\n| 指標 | 単位 | 現状値 | 目標値 |\n|---|---|---|---|\n| 電気自動車等（EV・PHV・FCV）の登録台数 | 台 | 1,120 | 6,000 |\n| 公共施設の太陽光発電の導入容量 | kW | 420 | 1,500 |\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "鷹巣市ゼロカーボン推進計画", plan);
    let answer = answer_line(&p, "EVの台数、何台にするん？");
    assert!(answer.contains("6,000台"), "{answer}");
}

/// 「人口何人？」 asks what is: a line that only projects the figure (「人口は令和12年度に14,220人と
/// 見込んでいます」) is no answer; the line that states it is, though the projection matches better.
#[test]
fn a_projection_says_not_what_is() {
    let plan = "鷹巣町ごみ減量化推進計画\n\n２．ごみの現状\n令和６年度のごみ総排出量は５，２１４ｔでした。町の人口は１４，７５８人（令和７年３月末）\nです。ごみ処理経費は年間３億１，２００万円です。\n\n４．ごみ排出量の見込み\n人口は令和１２年度に１４，２２０人と見込んでいます。\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町ごみ減量化推進計画", plan);
    let answer = answer_line(&p, "鷹巣町の人口何人？");
    assert!(answer.contains("14,758人") && !answer.contains("14,220"), "{answer}");
    // A clause of what is beside a clause of an estimate says what is.
    let plan = "鷹巣市動物愛護管理推進計画\n\n２　現状\n犬の登録頭数は21,684頭（前年度比1.2％減）、猫の飼育頭数は市民アンケートからの推計で約18,000頭です。\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "鷹巣市動物愛護管理推進計画", plan);
    let answer = answer_line(&p, "鷹巣市に登録されてる犬って何頭いるの？");
    assert!(answer.contains("21,684頭"), "{answer}");
}

/// 「…ってどうするの？」 asks what is to be done: the measure, not the figure the same sentence
/// states; a measure named by its sentence ends the answer with one 。.
#[test]
fn what_will_they_do_about_it_is_the_measure() {
    let plan = "鷹巣町学びの推進プラン\n\n第４章　主な取組\n\u{3000}（ア）ＩＣＴ支援員を４人から６人に増やし、全校を巡回します。\n\u{3000}\u{3000}担当：教育総務課\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町学びの推進プラン", plan);
    let answer = answer_line(&p, "ＩＣＴ支援員ってどうするの？");
    assert!(
        answer.contains("主な取組") && answer.contains("全校を巡回します。") && !answer.contains("。。"),
        "{answer}"
    );
}

/// The plan the question names states its own period in a bracket after its name
/// (「第４次…大綱（計画期間：令和７年度～令和10年度の４年間）」): that record is the answer, with
/// the name as written, not a passage around it.
#[test]
fn a_named_plans_period_in_a_bracket_after_its_name_is_the_answer() {
    let plan = "第４次鷹巣市行政改革大綱　実施計画\n令和７年４月\n鷹巣市行政改革推進本部\n\n１　実施計画の位置付け\n\u{3000}この実施計画は、第４次鷹巣市行政改革大綱（計画期間：令和７年度～令和10年度の４年間）\nの３つの基本方針に基づく具体的な取組を定めるものです。\n\n２　財政指標の目標\n\u{3000}R7～R9 は各年度の目安です。類似団体の平均は、経常収支比率92.4％です。\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣市", "第４次鷹巣市行政改革大綱　実施計画", plan);
    let answer = answer_line(&p, "鷹巣市の行政改革大綱は何年度まで？");
    assert!(answer.starts_with("「第4次鷹巣市行政改革大綱」の計画期間は 令和7年度〜令和10年度"), "{answer}");
}

/// 「何万人まで戻すの」 asks up to where the figure should get: the target a sentence states with
/// a verb of recovery (「年間33万人に回復させます」), not the figure of the year before.
#[test]
fn up_to_how_many_asks_for_the_target_a_sentence_states() {
    let plan = "鷹巣町総合計画 前期基本計画\n\n施策２－１　観光の振興\n〔現状と課題〕\n・観光入込客数は令和６年に28.6万人で、コロナ禍前（令和元年 34万1,000人）の８割程度にとどまっています。\n〔目標〕\n\u{3000}令和12年度までに、観光入込客数を年間33万人に回復させます（令和６年 28.6万人）。\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣町", "鷹巣町総合計画 前期基本計画", plan);
    let answer = answer_line(&p, "鷹巣町の観光客、何万人まで戻すの？");
    assert!(answer.contains("目標値 年間33万人"), "{answer}");
}

/// 「今とめざす数字」 asks for the figures, it names no topic: めざす and 数字 are no words the
/// row must hold.
#[test]
fn the_figure_aimed_at_is_no_topic_word() {
    let plan = "鷹巣村総合計画 前期基本計画\n\n施策３－１　農林業の振興\n| 指標名 | 現状値（R6） | 目標値（R12） |\n|---|---|---|\n| そばの作付面積 | 62ha | 80ha |\n| 間伐実施面積 | 48ha | 70ha |\n";
    let p = TempProject::with_plan("data", "plans/a.txt", "鷹巣村", "鷹巣村総合計画 前期基本計画", plan);
    let answer = answer_line(&p, "そばの作付面積　今とめざす数字");
    assert!(answer.contains("現状値 62ha") && answer.contains("目標値 80ha"), "{answer}");
}

/// A table of one figure a year over the plan's own years (「年度ごとの目安」) is the plan's path
/// to its target: its last year is no figure of today.
#[test]
fn a_yearly_path_over_the_plans_years_is_no_figure_of_today() {
    let plan = [
        "浜の活力再生プラン（第３期）",
        "計画期間は令和７年度から令和11年度までの５年間です。",
        "",
        "（３）所得以外の成果目標",
        "┌────────────┬──────────┬──────────┐",
        "│項目　　　　　　　　　　　　│基準値　　　　　　　│目標値（令和11年度）│",
        "├────────────┼──────────┼──────────┤",
        "│ワカメの平均単価（円/kg）　 │612（令和５年度）　 │680　　　　　　　　 │",
        "│ウニの出荷量（トン）　　　　│14.2（令和５年度）　│18.0　　　　　　　　│",
        "└────────────┴──────────┴──────────┘",
        "（４）年度ごとの目安",
        "┌───────┬───────┬───────┐",
        "│年度　　　　　│ワカメ単価　　│ウニ出荷量　　│",
        "├───────┼───────┼───────┤",
        "│令和７年度　　│625円　　　　 │14.8トン　　　│",
        "│令和８年度　　│640円　　　　 │15.6トン　　　│",
        "│令和９年度　　│655円　　　　 │16.4トン　　　│",
        "│令和10年度　　│668円　　　　 │17.2トン　　　│",
        "│令和11年度　　│680円　　　　 │18.0トン　　　│",
        "└───────┴───────┴───────┘",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "雉浜町", "浜の活力再生プラン", &plan);
    let line = answer_line(&p, "雉浜のワカメの単価って今いくら？");
    assert!(line.contains("612"), "{line}");
    states_none_of(
        &p,
        &[("ワカメの単価って今いくら？", &["現状値は 680"]), ("ウニの出荷量は今何トン？", &["現状値は 18.0"])],
    );
}

/// A list of figures under a heading of targets (「■目標」) states targets, and a bracket with
/// a figure of its own (「（前計画期間の実績 ７人）」) labels that figure, not the one before it.
/// 「５年でどれだけ」 asks for what the plan sets out to do over those years.
#[test]
fn figures_under_a_heading_of_targets_are_targets() {
    let plan = [
        "桑森町過疎地域持続的発展計画",
        "（１）現況と問題点",
        "　基幹的農業従事者は412人で、平均年齢は66.3歳です。",
        "（２）その対策",
        "　・新規就農者の研修施設を整備し、就農時の機械導入を支援します。",
        "■目標",
        "　・新規就農者数　５年間で12人（前計画期間の実績 ７人）",
        "　・町営スキー場の利用者数　２万6千人（令和６年度）→　３万5千人（令和12年度）",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "桑森町", "桑森町過疎地域持続的発展計画", &plan);
    for question in ["桑森町の新規就農者、５年で何人？", "新規就農者の目標は何人？"] {
        let line = answer_line(&p, question);
        assert!(line.contains("12人") && line.contains("目標"), "{question}: {line}");
    }
}

/// Of several 実績 columns (R4, R5, R6) the latest is the figure of today; 「何軒」 is asked in
/// the 戸 the plan counts houses in; and the number of a heading (「7 計画の推進」) is no figure
/// that says how much.
#[test]
fn the_latest_actual_the_unit_of_houses_and_no_heading_number_as_a_figure() {
    let plan = [
        "狸森市 女性支援基本計画",
        "第４章 成果指標",
        "| 指標 | 実績 | 実績 | 実績 | 目標値 |",
        "| | （R4） | （R5） | （R6） | （R12） |",
        "|---|---:|---:|---:|---:|",
        "| 支援調整会議で支援方針を決めたケース数（年間） | ４件 | ９件 | 15件 | 30件 |",
        "",
        "２ 村の森林の現状",
        "　市の面積9,860haのうち森林は9,120ha（92.5％）です。",
        "※市内の空き家は令和５年度の調査で143戸でした。",
        "",
        "３ 移住・定住の支援",
        "　・空き家バンクの運営と、空き家の改修費の補助（上限120万円）　担当：企画課",
        "",
        "７ 計画の推進",
        "　市、森林組合、林業事業体でつくる森林整備推進協議会で毎年度の実績を確認します。",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "狸森市", "狸森市 女性支援基本計画", &plan);
    for (question, said) in [
        ("支援調整会議、今は年に何件くらい支援方針きめてる？", "15件"),
        ("空き家何軒あるの？", "143戸"),
        ("森林どのくらいあるの？", "9,120ha"),
    ] {
        let line = answer_line(&p, question);
        assert!(line.contains(said), "{question}: {line}");
    }
}

/// A year column the line under the header marks 「（実績）」: a table of yearly targets whose
/// first year is the result. A result of ― is no figure (the plan's later steps are not it),
/// and a figure written bare takes the unit its name states in brackets (「（か所）」).
#[test]
fn a_result_marked_under_its_year_and_units_from_names() {
    let plan = [
        "猪森町こどもの居場所づくり推進計画",
        "表２　成果指標の年度別の目標",
        "指標　　　　　　　　　　　　　　　　　令和６年度　令和７年度　令和８年度　令和９年度　令和10年度　令和11年度",
        "　　　　　　　　　　　　　　　　　　　（実績）",
        "こども食堂の数（か所）　　　　　　　　　　５　　　　　６　　　　　７　　　　　８　　　　　９　　　　　10",
        "放課後児童クラブの定員（人）　　　　　　300　　　　320　　　　340　　　　360　　　　370　　　　380",
        "ユースプレイスの利用者数（延べ人数）　　　―　　　　　―　　　　600　　　　900　　　1,200　　　1,500",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "猪森町", "猪森町こどもの居場所づくり推進計画", &plan);
    let line = answer_line(&p, "こども食堂を何か所にするの？");
    assert!(line.contains("目標値 10か所"), "{line}");
    let line = answer_line(&p, "放課後児童クラブの定員は今何人？");
    assert!(line.contains("300人"), "{line}");
    states_none_of(&p, &[("ユースプレイスの利用者数は今どれくらい？", &["現状値は 600", "現状値 600"])]);
}

/// 「実施項目」 names the items of a 実施計画's table, each with its department.
#[test]
fn implementation_items_are_measures() {
    let plan = [
        "鴨島村行政改革大綱　実施計画",
        "No.\t実施項目\t担当\t指標\t現状値\t目標値",
        "\t\t\t\t（R6）\t（R11）",
        "1\t電子申請の拡充\t総務課\t電子申請できる手続の数\t18件\t60件",
        "2\t簡易水道事業の料金見直し\t建設課\t簡易水道の経費回収率\t62.8％\t80.0％",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "鴨島村", "鴨島村行政改革大綱　実施計画", &plan);
    let line = answer_line(&p, "簡易水道の料金見直しの担当は？");
    assert!(line.contains("建設課"), "{line}");
}

/// A name that says only the measure of the question (残高) and nothing of what it is of
/// (町債 asked, 財政調整基金 named) is another thing's figure; the thing it is of is answered.
/// A 中期財政計画's years are a projection, no target; a figure kept (保ちます) is one.
#[test]
fn a_measure_of_another_thing_is_no_answer() {
    let plan = [
        "第５次行財政改革大綱",
        "計画期間は令和８年度から令和12年度までの５年間です。",
        "",
        "４　財政の健全化の目標",
        "　財政調整基金の残高（令和６年度末13.9億円）は、計画期間を通じて10億円以上を保ちます。",
        "　町債の残高は令和６年度末で72億4,000万円です。",
        "",
        "５　中期財政計画（普通会計）　　　　　　　　（単位：百万円）",
        "区分                R6決算   R7見込   R8      R9      R10     R11     R12",
        "財政調整基金残高     1,386    1,406    1,346   1,276   1,226   1,196   1,186",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "雉浜町", "第５次行財政改革大綱", &plan);
    let line = answer_line(&p, "財政調整基金の残高はいくら以上を保つ目標？");
    assert!(line.contains("10億円以上"), "{line}");
    states_none_of(
        &p,
        &[
            ("町債の残高をいくらまで減らす目標？", &["10億円", "1,186"]),
            ("財政調整基金の残高の目標は？", &["目標値 1,186"]),
        ],
    );
    // The whole plan these lines are taken from, where the 町債 question found the 基金's row.
    let zoo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts-heldout44/plans");
    let text = std::fs::read_to_string(zoo.join("263_inoguchi.txt")).unwrap();
    let p = TempProject::with_plan("data", "plans/263_inoguchi.txt", "猪ノ口町", "第５次猪ノ口町行財政改革大綱", &text);
    states_none_of(&p, &[("猪ノ口町は町債の残高をいくらまで減らす目標？", &["目標値 10億円", "1,186"])]);
}

/// Who does the work: a measure and its departments answer before an indicator that measures
/// it, whose 担当 names bodies (市・労働局); a measure whose words state the amount answers
/// 「いくら」; 「どちらの課」 asks for a department.
#[test]
fn the_work_itself_says_who_does_it() {
    let plan = [
        "雇用対策協定に基づく事業計画",
        "計画期間は令和８年度から令和10年度までの３年間です。",
        "",
        "３　目標",
        "区分\t指標\t現状値\t目標値\t担当",
        "人材確保\t介護・建設分野の面接会での就職者数（年間）\t38人\t100人\t市・労働局",
        "",
        "４　事業",
        "No\t事業名\t実施主体",
        "3\tＵＩＪターン就職者への移住支援金（最大100万円）\t市（企画政策課）",
        "8\t介護・建設分野の就職面接会と、資格取得費の助成\t市（商工労働課・介護保険課）",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "樋ヶ沢市", "雇用対策協定に基づく事業計画", &plan);
    let line = answer_line(&p, "介護や建設の面接会ってどこがやるの？");
    assert!(line.contains("商工労働課") && line.contains("介護保険課"), "{line}");
    let line = answer_line(&p, "介護や建設の面接会はどちらの課でしょうか");
    assert!(line.contains("商工労働課"), "{line}");
    let line = answer_line(&p, "UIJターンで就職した人への支援金っていくら？");
    assert!(line.contains("100万円"), "{line}");
}

/// A figure read from the text is the one the question's last compound names, the thing it
/// counts: 「空き店舗は37店」, not 「商店街は11」 named as near before its figure.
#[test]
fn the_text_figure_of_the_thing_counted() {
    let plan = [
        "商店街活性化推進計画",
        "計画期間は令和８年度から令和12年度までの５年間です。",
        "",
        "２　商店街の現状",
        "（１）店舗と空き店舗",
        "　市内の商店街は11で、加盟店舗は合わせて486店です。駅前の中心商店街の店舗数は201店で、このうち空き店舗は37店、空き店舗率は18.4％です。",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "淀見市", "商店街活性化推進計画", &plan);
    let line = answer_line(&p, "商店街、今空き店舗いくつあるの？");
    assert!(line.contains("37店"), "{line}");
}

/// Everyday words for a plan's terms, from synonyms.toml: 働く人 (就業者), 任期が終わったあとも
/// 残る (任期後の定住), 誘致 (受け入れ), 木材 (村産材), 何立米 (m3).
#[test]
fn everyday_words_find_the_plans_terms() {
    let plan = [
        "第３期まち・ひと・しごと創生総合戦略",
        "計画期間は令和７年度から令和11年度までの５年間です。",
        "",
        "基本目標１　しごとをつくる",
        "指標\t基準値（R5）\t目標値（R11）\t担当課",
        "漁業・水産加工業の就業者数\t412人\t420人\t産業振興課",
        "地域おこし協力隊の任期後の定住率\t57.1％\t70.0％\t企画課",
        "村産材の出荷量（年間）\t1,240㎥\t1,800㎥\t産業振興課",
        "",
        "【具体的な施策】",
        "①サテライトオフィスとワーケーションの受け入れ（企画課）",
    ]
    .join("\n");
    let p = TempProject::with_plan("data", "plans/a.txt", "渚浜町", "第３期まち・ひと・しごと創生総合戦略", &plan);
    for (q, want) in [
        ("漁業とか水産加工で働く人、何人にする目標？", "420人"),
        ("地域おこし協力隊、任期が終わったあとも町に残る人の割合って目標あるの？", "70.0"),
        ("木材の出荷量、何立米めざす？", "1,800"),
        ("サテライトオフィスの誘致は何課？", "企画課"),
    ] {
        let line = answer_line(&p, q);
        assert!(line.contains(want), "{q}: {line}");
    }
}

/// In a plan whose every paragraph names its topic (電柱 in a 無電柱化 plan), a question for a
/// count in a unit (何本) reads first the lines that hold a figure in that unit.
#[test]
fn the_lines_with_a_figure_in_the_unit_asked_are_read_first() {
    let mut plan = vec![
        "無電柱化推進計画".to_string(),
        "計画期間は令和７年度から令和16年度までの10年間です。".to_string(),
        String::new(),
    ];
    for (k, place) in
        ["駅前通り", "市役所通り", "中央通り", "学校通り", "港通り", "城山通り", "病院通り"].iter().enumerate()
    {
        plan.push(format!("（{}）{place}の電柱は、歩道の幅を狭め、景観を損ねています。", k + 1));
        plan.push(String::new());
    }
    for line in [
        "３　整備の進め方",
        "道路の幅員と交通量に応じて手法を選びます。",
        "地元の説明会を開きます。",
        "工事の時期は地区ごとにお知らせします。",
        "",
    ] {
        plan.push(line.to_string());
    }
    plan.push(
        "２　背景　整備単価の目安は電線共同溝で１kmあたり約5.3億円、低コスト手法で約3.5億円です。道路の幅員と交通量に応じて手法を選びます。市内の電柱は令和６年度末で約14,600本あり、年に約80本のペースで増えています。"
            .to_string(),
    );
    let p = TempProject::with_plan("data", "plans/a.txt", "椎野市", "無電柱化推進計画", &plan.join("\n"));
    let line = answer_line(&p, "電柱って今何本くらいあるの？");
    assert!(line.contains("14,600本"), "{line}");
}

/// A verb phrase the question writes as one word (住み続け) is searched by its morphemes too, and
/// a time counted from now (10年後) is when the target falls, no word of its topic.
#[test]
fn a_verb_phrase_and_a_time_from_now_in_the_question() {
    let p = TempProject::with_plan(
        "data",
        "plans/a.txt",
        "汐見市",
        "汐見市総合計画",
        "汐見市総合計画\n\n２　市民の意識\n　令和６年度の市民意識調査では、「これからも汐見市に住み続けたい」と答えた市民は76.3％でした。\n\n３　主な目標\n　区分　　　　　　　　目標（令和16年度）　現状（令和６年度）\n　認定新規就農者数　　12人　　　　　　　　５人\n",
    );
    let (code, out, _) = run(&p, &["ask", "汐見市に住み続けたいって思ってる人どのくらい？"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("76.3%") && out.contains("plans/a.txt:"), "{out}");
    let (code, out, _) = run(&p, &["ask", "汐見市の認定新規就農者、今と10年後"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("5人") && out.contains("12人"), "{out}");
}

#[test]
fn of_works_on_one_topic_who_does_the_one_the_question_does_with_its_verbs() {
    // Three works share 空き家 and 団地; the question says what is done (買い取って貸す) with
    // verbs the topic's words leave out, and the plan names it with their kanji (買取り, 転貸).
    // Bullets before the works and a chapter heading over the table are no part of them.
    let p = TempProject::empty();
    p.write(
        "vil/catalog.toml",
        "[[document]]\nfile = \"plan.txt\"\nmunicipality = \"架空村\"\ntitle = \"架空村 団地再生計画\"\n",
    );
    p.write(
        "vil/plan.txt",
        "架空村団地再生計画\n\n第４章　取組と担当課\n\
         \u{3000}取組　　　　　　　　　　　　　　　　　　　　　　　担当課\n\
         （１）空き家の活用\n\
         \u{3000}・団地の空き家バンクへの登録の促進と見学会　　　　企画振興課\n\
         \u{3000}・団地の空き家を使った集いの場　　　　　　　　　　住民福祉課\n\
         \u{3000}・団地の空き家の買取り・改修と子育て世帯への転貸　建設課\n",
    );
    let (found, answer) = found_and_answer(&p, "vil", "団地の空き家を買い取って貸すの、どこの課？");
    assert!(found && answer.contains("建設課"), "{answer}");
    assert!(answer.contains("「団地の空き家の買取り・改修と子育て世帯への転貸」の担当課は"), "{answer}");
    let (found, answer) = found_and_answer(&p, "vil", "空き家バンクの登録はどこの課？");
    assert!(found && answer.contains("企画振興課") && !answer.contains("建設課"), "{answer}");
}

#[test]
fn a_tonnage_asked_in_thousands_of_co2_is_read_from_a_table_of_sectors() {
    // The header's first line leaves the names' column blank, its second names it with a word
    // of no role (部門) over years in brackets, its third closes them; the caption two lines
    // up names the unit. 「何千トン」 asks for tonnes: the reduction rate in % is no answer.
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.txt\"\nmunicipality = \"架空町\"\ntitle = \"架空町 低炭素まちづくり計画\"\n",
    );
    p.write(
        "town/plan.txt",
        "架空町低炭素まちづくり計画\n\n第２章　二酸化炭素排出量の削減目標\n\
         \u{3000}町の家庭・業務の２部門の二酸化炭素排出量を、令和12年度に平成25年度比で42.7％削減します。\n\
         \u{3000}部門別の排出量（単位：千t-CO2）\n\
         \u{3000}　　　　　　　　　　　　　　基準年度　　　　現状　　　　　目標\n\
         \u{3000}部門　　　　　　　　　　　（平成25　　　　（令和５　　　　（令和12\n\
         \u{3000}　　　　　　　　　　　　　　年度）　　　　　年度）　　　　　年度）\n\
         \u{3000}家庭部門　　　　　　　　　　62.4　　　　　　51.8　　　　　　34.3\n\
         \u{3000}業務部門　　　　　　　　　　48.6　　　　　　39.2　　　　　　23.8\n",
    );
    let (found, answer) = found_and_answer(&p, "town", "家庭のCO2排出量、令和12年度に何千トンにするの？");
    assert!(found && answer.contains("34.3千t-CO2"), "{answer}");
    assert!(!answer.contains("42.7"), "{answer}");
}

#[test]
fn a_process_rate_and_chat_words_for_managing_and_paying_find_the_plans_rows() {
    // 耐震化率 asks a rate of a process the plan names by what it reaches (耐震適合率); 面倒みる is
    // 管理する; 払える is 決済 (synonyms.toml); 「とこ」 is a place as chat says it.
    let p = TempProject::empty();
    p.write(
        "city/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空市\"\ntitle = \"架空市 総合計画\"\n",
    );
    p.write(
        "city/plan.md",
        "# 架空市総合計画\n\n## 施策1 上下水道\n\n| 指標名 | 現状値（R6） | 目標値（R12） |\n|---|---|---|\n\
         | 基幹管路の耐震適合率 | 48.6% | 58.0% |\n| 公園愛護会が管理する公園の数 | 64か所 | 80か所 |\n\
         | 窓口のキャッシュレス決済の対応率 | 35.0% | 100% |\n| 大学等への進学率 | 41.0% | 45.0% |\n",
    );
    let (found, answer) = found_and_answer(&p, "city", "基幹管路の耐震化率、令和１２年度にどこまで上げる？");
    assert!(found && answer.contains("58.0%"), "{answer}");
    let (found, answer) = found_and_answer(&p, "city", "公園愛護会が面倒みてる公園、いまいくつ？");
    assert!(found && answer.contains("64か所"), "{answer}");
    let (found, answer) = found_and_answer(&p, "city", "窓口、キャッシュレスで払えるとこ今何％？");
    assert!(found && answer.contains("35.0%"), "{answer}");
    // A rate named by another word is still another rate.
    let (found, answer) = found_and_answer(&p, "city", "子どもの貧困率の目標は？");
    assert!(!found || !answer.contains("45.0"), "{answer}");
}

#[test]
fn chat_words_for_selling_and_landing_and_an_animal_named_inside_a_compound() {
    // 売り込み is 販路開拓, 水揚げ 陸揚 (synonyms.toml); シカ is the ジカ of
    // ニホンジカ; 「っていま何件」 asks the present figure; 漁業就業者を何人にする is not 新規.
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 産業振興計画\"\n",
    );
    p.write(
        "town/plan.md",
        "# 架空町産業振興計画\n\n## 1 目標\n\n| 指標名 | 現状値（R6） | 目標値（R10） |\n|---|---|---|\n\
         | イノシシによる被害金額 | 6,840千円 | 4,780千円 |\n| ニホンジカによる被害金額 | 3,210千円 | 2,240千円 |\n\
         | 被害金額の合計 | 12,150千円 | 8,500千円以下 |\n| 漁港の陸揚金額 | 1,538百万円 | 1,650百万円 |\n\
         | 総合化事業計画の認定件数（累計） | 9件 | 15件 |\n| 新規漁業就業者数 | ― | 25人 |\n\n\
         ## 2 取組\n\n| 取組 | 担当課 |\n|---|---|\n| ブランド米の首都圏での販路開拓 | シティプロモーション課 |\n",
    );
    let (found, answer) = found_and_answer(&p, "town", "シカの被害金額はどこまで減らす予定ですか");
    assert!(found && answer.contains("2,240千円") && !answer.contains("8,500"), "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "漁港の水揚げの金額、今いくら？");
    assert!(found && answer.contains("1,538百万円"), "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "認定件数っていま何件？");
    assert!(found && answer.contains("9件"), "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "ブランド米の売り込みはどこの課？");
    assert!(found && answer.contains("シティプロモーション課"), "{answer}");
    let (found, answer) = found_and_answer(&p, "town", "漁業就業者の数を何人にする目標？");
    assert!(!found && !answer.contains("25人"), "{answer}");
}

#[test]
fn a_department_asked_as_the_towns_is_the_column_headed_the_towns() {
    // 「町のどの課」 mirrors the header 「町の担当課」 beside the body that carries the work out.
    let p = TempProject::empty();
    p.write(
        "town/catalog.toml",
        "[[document]]\nfile = \"plan.md\"\nmunicipality = \"架空町\"\ntitle = \"架空町 浜の活力再生プラン\"\n",
    );
    p.write(
        "town/plan.md",
        "# 架空町浜の活力再生プラン\n\n## 4 具体的な取組内容\n\n| 番号 | 取組内容 | 実施者 | 町の担当課 |\n|---|---|---|---|\n\
         | 1 | ウニの蓄養と首都圏への直送 | 漁協 | 水産振興課 |\n| 2 | 漁港の荷さばき所の衛生管理の高度化 | 漁協 | 建設課（港湾係） |\n",
    );
    let (found, answer) = found_and_answer(&p, "town", "荷さばき所の衛生管理って町のどの課？");
    assert!(found && answer.contains("建設課"), "{answer}");
}
