//! Issue 12: a build on many threads makes the same index as on one, an update re-reads only
//! what changed and ends with the same records as reading everything, and a reader opened
//! before an update keeps its whole old state. Real plans, real lindera, real files.

use std::fs;
use std::path::{Path, PathBuf};

use planbot::index::{self, Options, Paths};
use planbot::ingest;

/// A copy of the bundled plans (the first `documents` of them) and their catalog.
struct Project {
    _dir: tempfile::TempDir,
    paths: Paths,
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn project(documents: usize) -> Project {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths { data: dir.path().join("data"), index: dir.path().join("index") };
    fs::create_dir_all(paths.data.join("plans")).unwrap();
    for name in ["catalog.toml", "vocabulary.toml"] {
        fs::copy(bundled().join(name), paths.data.join(name)).unwrap();
    }
    for file in ingest::document_files(&bundled()).into_iter().take(documents) {
        fs::copy(&file.path, paths.data.join(&file.relative)).unwrap();
    }
    Project { _dir: dir, paths }
}

fn options(threads: usize) -> Options {
    Options { threads, full: false }
}

/// Records as sorted JSON lines: two indexes hold the same records when these are equal. A
/// passage's quote is its text (the index stores the text once and quotes it, by design).
fn lines(records: Vec<ingest::Record>) -> Vec<String> {
    let mut lines: Vec<String> = records
        .into_iter()
        .map(|mut r| {
            if let ingest::Body::Passage(p) = &r.body {
                r.quote = p.text.clone();
            }
            serde_json::to_string(&r).unwrap()
        })
        .collect();
    lines.sort();
    lines
}

fn indexed(index: &index::PlanIndex) -> Vec<String> {
    lines(index.all_records().unwrap())
}

/// What reading every document of the data folder now gives: what an index must hold.
fn expected(data: &Path) -> Vec<String> {
    lines(ingest::ingest_dir(data).unwrap().records)
}

/// Asserts two record sets are equal, showing a few records each has and the other lacks.
#[track_caller]
fn same(left: &[String], right: &[String]) {
    if left != right {
        let only = |a: &[String], b: &[String]| -> Vec<String> {
            a.iter().filter(|x| b.binary_search(x).is_err()).take(3).map(|x| x.chars().take(600).collect()).collect()
        };
        panic!(
            "{} records against {}\nonly left: {:#?}\nonly right: {:#?}",
            left.len(),
            right.len(),
            only(left, right),
            only(right, left)
        );
    }
}

fn plan_file(p: &Project, k: usize) -> PathBuf {
    ingest::document_files(&p.paths.data)[k].path.clone()
}

#[test]
fn scale_a_build_on_four_threads_holds_the_same_records_as_on_one() {
    let p = project(5);
    let (one, update) = index::update(&p.paths, options(1)).unwrap();
    assert_eq!((update.added, update.full.is_some()), (5, true));
    let serial = indexed(&one);
    // The postings too: documents analysed on other threads index the same words.
    let words = ["交付", "目標", "防災", "推進", "市民"];
    let counts = |index: &index::PlanIndex| words.map(|w| index.doc_freq(w));
    let serial_counts = counts(&one);
    assert!(serial_counts.iter().all(|&n| n > 0), "{serial_counts:?}");
    drop(one);
    let other = Paths { data: p.paths.data.clone(), index: p.paths.index.with_file_name("index4") };
    let (four, _) = index::update(&other, Options { threads: 4, full: true }).unwrap();
    let parallel = indexed(&four);
    assert!(serial.len() > 500, "{} records", serial.len());
    same(&serial, &parallel);
    assert_eq!(counts(&four), serial_counts);
    same(&serial, &expected(&p.paths.data));
    assert_eq!(four.documents().unwrap().len(), 5);
}

#[test]
fn scale_an_update_reads_only_what_was_added_changed_or_removed() {
    let p = project(3);
    index::update(&p.paths, options(2)).unwrap();

    // Nothing changed: nothing written.
    let before = fs::read_to_string(p.paths.index.join("CURRENT")).unwrap();
    let (_, update) = index::update(&p.paths, options(2)).unwrap();
    assert_eq!((update.unchanged, update.wrote), (3, false));
    assert_eq!(fs::read_to_string(p.paths.index.join("CURRENT")).unwrap(), before);

    // Added.
    let fourth = ingest::document_files(&bundled())[3].clone();
    fs::copy(&fourth.path, p.paths.data.join(&fourth.relative)).unwrap();
    let (index, update) = index::update(&p.paths, options(2)).unwrap();
    assert_eq!((update.added, update.changed, update.removed, update.unchanged), (1, 0, 0, 3), "{update:?}");
    assert!(update.full.is_none() && update.wrote);
    same(&indexed(&index), &expected(&p.paths.data));
    drop(index);

    // Changed: a sentence appended to one plan.
    let changed = plan_file(&p, 1);
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\n図書館の開館時間を延ばし、夜間の学習の場を設けます。\n");
    fs::write(&changed, text).unwrap();
    let (index, update) = index::update(&p.paths, options(2)).unwrap();
    assert_eq!((update.added, update.changed, update.removed, update.unchanged), (0, 1, 0, 3), "{update:?}");
    let records = indexed(&index);
    assert!(records.iter().any(|r| r.contains("夜間の学習の場")));
    same(&records, &expected(&p.paths.data));
    drop(index);

    // Removed.
    fs::remove_file(plan_file(&p, 0)).unwrap();
    let (index, update) = index::update(&p.paths, options(2)).unwrap();
    assert_eq!((update.added, update.changed, update.removed, update.unchanged), (0, 0, 1, 3), "{update:?}");
    same(&indexed(&index), &expected(&p.paths.data));
    assert_eq!(index.documents().unwrap().len(), 3);
    drop(index);

    // A new index opened from scratch over the same data holds the same records.
    let fresh = Paths { data: p.paths.data.clone(), index: p.paths.index.with_file_name("fresh") };
    let (full, _) = index::update(&fresh, options(2)).unwrap();
    let (updated, _) = index::open(&p.paths).unwrap();
    same(&indexed(&full), &indexed(&updated));
}

#[test]
fn scale_a_catalog_change_rereads_the_documents_it_describes_and_an_analysis_change_all() {
    let p = project(3);
    index::update(&p.paths, options(2)).unwrap();
    let catalog_path = p.paths.data.join("catalog.toml");
    let catalog = fs::read_to_string(&catalog_path).unwrap();
    let first = &ingest::document_files(&p.paths.data)[0].relative;
    let entry = ingest::Catalog::load(&p.paths.data).unwrap().get(first).cloned().unwrap();
    let old_title = entry.title.unwrap();
    let new_title = format!("{old_title}（改訂版）");
    fs::write(
        &catalog_path,
        catalog.replacen(&format!("title = \"{old_title}\""), &format!("title = \"{new_title}\""), 1),
    )
    .unwrap();
    let (index, update) = index::update(&p.paths, options(2)).unwrap();
    assert_eq!((update.changed, update.unchanged, update.full.is_none()), (1, 2, true), "{update:?}");
    assert!(index.documents().unwrap().iter().any(|d| d.title == new_title));
    same(&indexed(&index), &expected(&p.paths.data));
    drop(index);

    // The vocabulary decides how every document is read: all are read again.
    let vocabulary = p.paths.data.join("vocabulary.toml");
    let mut text = fs::read_to_string(&vocabulary).unwrap();
    text.push_str("\n# a comment changes the bytes, and so the analysis\n");
    fs::write(&vocabulary, text).unwrap();
    let (index, update) = index::update(&p.paths, options(2)).unwrap();
    assert!(update.full.is_some(), "{update:?}");
    assert_eq!(update.added, 3);
    same(&indexed(&index), &expected(&p.paths.data));
}

#[test]
fn scale_a_reader_opened_before_an_update_keeps_the_old_state_until_it_reopens() {
    let p = project(2);
    let (old, _) = index::open(&p.paths).unwrap();
    let old_records = indexed(&old);
    let old_generation = fs::read_to_string(p.paths.index.join("CURRENT")).unwrap();

    let changed = plan_file(&p, 1);
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\n公園の遊具を毎年点検し、安全な遊び場を守ります。\n");
    fs::write(&changed, text).unwrap();
    fs::remove_file(plan_file(&p, 0)).unwrap();
    let (_, update) = index::update(&p.paths, options(2)).unwrap();
    assert_eq!((update.changed, update.removed), (1, 1));

    // The reader opened before still answers from the whole old state, and its files stay.
    assert_eq!(indexed(&old), old_records);
    assert_eq!(old.documents().unwrap().len(), 2);
    assert!(p.paths.index.join(old_generation.trim()).is_dir());

    // A reader opened now sees the whole new state.
    let (new, opened) = index::open(&p.paths).unwrap();
    assert_eq!(opened, index::Opened::Existing);
    let new_records = indexed(&new);
    same(&new_records, &expected(&p.paths.data));
    assert!(new_records.iter().any(|r| r.contains("安全な遊び場")));
    assert!(!old_records.iter().any(|r| r.contains("安全な遊び場")));

    // Once the old reader lets go, the next update removes the old generation.
    drop(old);
    fs::write(&changed, "公園の遊具を点検します。\n").unwrap();
    index::update(&p.paths, options(2)).unwrap();
    assert!(!p.paths.index.join(old_generation.trim()).exists());
}

#[test]
fn scale_planbot_index_reports_what_it_did() {
    let p = project(2);
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_planbot"))
            .arg("--data")
            .arg(&p.paths.data)
            .arg("--index")
            .arg(&p.paths.index)
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, out) = run(&["index", "--threads", "2"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("追加 2 ・変更 0 ・削除 0 ・変更なし 0"), "{out}");
    fs::write(plan_file(&p, 0), "防災倉庫の点検を毎月行います。\n").unwrap();
    let (_, out) = run(&["index"]);
    assert!(out.contains("追加 0 ・変更 1 ・削除 0 ・変更なし 1"), "{out}");
    let (_, out) = run(&["index"]);
    assert!(out.contains("索引は最新です"), "{out}");
    let (code, _) = run(&["index", "--threads", "0"]);
    assert_eq!(code, Some(2));
}

/// Names are looked up, not scanned (answer::names): with the plans copied under several
/// municipality names, a question naming one copy, by its full name and by an abbreviated
/// title (行革実施計画), is answered from that copy's documents alone, and the same title asked
/// of another copy from that copy's.
#[test]
fn scale_a_question_naming_one_copy_is_answered_from_that_copy_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = planbot::bench::replicate(&bundled(), dir.path(), 3).unwrap();
    let paths = Paths { data, index: dir.path().join("index") };
    let (index, _) = index::update(&paths, options(2)).unwrap();
    let engine =
        planbot::answer::Engine::new(index, planbot::answer::synonyms::Synonyms::load(&bundled()).unwrap()).unwrap();
    for copy in ["本庄1市", "本庄2市"] {
        let a = engine.ask(&format!("{copy}の行革実施計画の計画数は？"));
        assert!(a.found && a.answer.contains("50"), "{copy}: {}", a.answer);
        assert!(!a.citations.is_empty(), "{copy}: no citation");
        for c in &a.citations {
            assert_eq!(c.municipality.as_deref(), Some(copy), "{copy}: {c:?}");
            assert!(c.title.contains("行政改革大綱実施計画"), "{copy}: {c:?}");
        }
    }
}

#[test]
fn scale_answers_do_not_depend_on_how_many_threads_built_the_index() {
    // Records of equal score come back from tantivy in segment order, which a build on more
    // threads lays out differently; the answer (and which of two tied records it cites first)
    // must not change with it. Two records tie in 「…前期基本計画と後期基本計画でどう違う？」.
    let p = project(5);
    let other = Paths { data: p.paths.data.clone(), index: p.paths.index.with_file_name("index4") };
    let engine = |paths: &Paths, threads: usize| {
        let (index, _) = index::update(paths, Options { threads, full: true }).unwrap();
        planbot::answer::Engine::new(index, planbot::answer::synonyms::Synonyms::load(&bundled()).unwrap()).unwrap()
    };
    let (one, four) = (engine(&p.paths, 1), engine(&other, 4));
    let fixture =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paraphrases.tsv")).unwrap();
    let mut questions: Vec<&str> = fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect();
    questions.push("高ストレスと判定される職員の割合の目標は、前期基本計画と後期基本計画でどう違う？");
    assert!(questions.len() > 100, "{} questions", questions.len());
    for q in questions {
        let (a, b) = (one.ask(q), four.ask(q));
        assert_eq!((a.found, &a.answer, &a.citations), (b.found, &b.answer, &b.citations), "{q}");
    }
}
