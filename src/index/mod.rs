//! The tantivy index of plan records under `index/`, analysed with lindera.
//!
//! [`open`] is the one way in: it loads the dictionary, registers the Japanese tokenizer, and
//! rebuilds the index when the documents or catalog changed (content hash) or the index is
//! damaged (every file checked against the manifest's sizes and checksums) or missing. A build
//! goes into a fresh generation folder under a writer lock; the `CURRENT` pointer file is then
//! replaced with one `rename`, so a reader sees the old index or the new one, never half, and
//! a generation stays on disk while a reader holds it ([`generation`]). Opening an up-to-date
//! index writes nothing, so a read-only index folder serves.

pub mod dictionary;
pub mod generation;
pub mod tokenizer;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::tokenizer::{NgramTokenizer, PreTokenizedString, TextAnalyzer};
use tantivy::{IndexReader, ReloadPolicy, TantivyDocument};

use crate::ingest::{self, Body, Record, Source};
use tokenizer::{JapaneseTokenizer, TOKENIZER_NAME};

/// The index layout version. Changes to the ingest and index code rebuild indexes on their own
/// (build.rs hashes that code); bump this only for a change elsewhere that alters an index.
const FORMAT: u32 = 10;
const BIGRAM_TOKENIZER: &str = "cjk_bigram";

/// The fields of a record document.
#[derive(Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub municipality: Field,
    pub file: Field,
    pub section_number: Field,
    /// The exact section label, for listing all records of one 施策.
    pub section_label: Field,
    pub name: Field,
    pub name_bigram: Field,
    pub body: Field,
    pub body_bigram: Field,
    pub section: Field,
    pub record: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                // No positions: planbot never runs phrase queries, and they cost a fifth of indexing.
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        municipality: b.add_text_field("municipality", STRING),
        file: b.add_text_field("file", STRING),
        section_number: b.add_text_field("section_number", STRING),
        section_label: b.add_text_field("section_label", STRING),
        name: b.add_text_field("name", text(TOKENIZER_NAME)),
        name_bigram: b.add_text_field("name_bigram", text(BIGRAM_TOKENIZER)),
        body: b.add_text_field("body", text(TOKENIZER_NAME)),
        body_bigram: b.add_text_field("body_bigram", text(BIGRAM_TOKENIZER)),
        section: b.add_text_field("section", text(TOKENIZER_NAME)),
        record: b.add_text_field("record", STORED),
    };
    (b.build(), fields)
}

/// Where the documents and the index are.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data: PathBuf,
    pub index: PathBuf,
}

const MANIFEST: &str = "manifest.json";
/// The SHA-256 of `manifest.json`: the manifest names the documents that citations show, so a
/// changed byte there would change an answer without any error.
const MANIFEST_SUM: &str = "manifest.sha256";

#[derive(Serialize, Deserialize, PartialEq)]
struct Manifest {
    content_hash: String,
    records: usize,
    documents: Vec<Source>,
    /// Every file of the generation, checked when it is opened.
    files: Vec<FileCheck>,
}

/// One file of a generation as it was written: its size, and the SHA-256 of the small files
/// tantivy writes without a checksum of their own (`meta.json`, `.managed.json`). tantivy's
/// segment files end with a CRC32 footer, checked instead.
#[derive(Serialize, Deserialize, PartialEq)]
struct FileCheck {
    name: String,
    size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sha256: Option<String>,
}

/// An open index: search it, or read records back.
pub struct PlanIndex {
    reader: IndexReader,
    documents: Vec<Source>,
    pub fields: Fields,
    pub tokenizer: JapaneseTokenizer,
    /// Warnings for the user: documents skipped (on every open), catalog problems (when built),
    /// and damage repaired by rebuilding.
    pub problems: Vec<String>,
    /// The shared lock that keeps this generation on disk while it is used.
    _in_use: Option<fs::File>,
}

/// How `open` went, for the surfaces to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Existing,
    Built,
}

/// What the index folder holds for the current content.
enum Current {
    Ready(Box<PlanIndex>),
    /// Built from other documents or by other code.
    Stale,
    Missing,
    /// Files missing, changed or unreadable: the reason, naming the file.
    Damaged(String),
}

/// Opens the index for `paths`, building or rebuilding it when needed. An up-to-date index is
/// only read, so a read-only index folder works; a damaged one is rebuilt.
pub fn open(paths: &Paths) -> Result<(PlanIndex, Opened)> {
    let tokenizer = load_tokenizer()?;
    let scan = scan(&paths.data)?;
    let damaged = match open_current(paths, &scan.hash, &tokenizer)? {
        Current::Ready(index) => return Ok((with_problems(*index, scan.warnings), Opened::Existing)),
        Current::Damaged(why) => Some(why),
        Current::Stale | Current::Missing => None,
    };
    let _writer = generation::WriterLock::acquire(&paths.index).with_context(|| match &damaged {
        Some(why) => format!("索引が壊れています（{why}）"),
        None => "索引が古いか、まだありません".to_string(),
    })?;
    // Another process may have built this content while this one waited for the lock.
    if let Current::Ready(index) = open_current(paths, &scan.hash, &tokenizer)? {
        return Ok((with_problems(*index, scan.warnings), Opened::Existing));
    }
    let mut problems = build(paths, &scan.hash, &tokenizer)?;
    if let Some(why) = damaged {
        problems.insert(0, format!("索引が壊れていたので作り直しました: {why}"));
    }
    Ok((with_problems(built(paths, &scan.hash, &tokenizer)?, problems), Opened::Built))
}

/// Rebuilds the index whatever its state (`planbot index`).
pub fn rebuild(paths: &Paths) -> Result<PlanIndex> {
    let tokenizer = load_tokenizer()?;
    let hash = scan(&paths.data)?.hash;
    let _writer = generation::WriterLock::acquire(&paths.index)?;
    let problems = build(paths, &hash, &tokenizer)?;
    Ok(with_problems(built(paths, &hash, &tokenizer)?, problems))
}

fn load_tokenizer() -> Result<JapaneseTokenizer> {
    Ok(JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root())?))
}

fn with_problems(mut index: PlanIndex, problems: Vec<String>) -> PlanIndex {
    index.problems = problems;
    index
}

/// The generation just built, which must open.
fn built(paths: &Paths, hash: &str, tokenizer: &JapaneseTokenizer) -> Result<PlanIndex> {
    match open_current(paths, hash, tokenizer)? {
        Current::Ready(index) => Ok(*index),
        Current::Damaged(why) => bail!("作ったばかりの索引を開けません: {why}"),
        Current::Stale | Current::Missing => bail!("作ったばかりの索引を開けません: {}", paths.index.display()),
    }
}

fn register(index: &tantivy::Index, tokenizer: &JapaneseTokenizer) {
    index.tokenizers().register(TOKENIZER_NAME, tokenizer.clone());
    // Text reaching the bigram fields is NFKC and ASCII-lower-cased already (`ascii_lower`),
    // so no Unicode lower-casing filter is needed here.
    let bigram = TextAnalyzer::builder(NgramTokenizer::new(2, 2, false).expect("2..2 is a valid n-gram range")).build();
    index.tokenizers().register(BIGRAM_TOKENIZER, bigram);
}

/// The current generation, locked for reading, if it was built from this content and is whole.
/// Reads only: nothing in the index folder is created or changed.
fn open_current(paths: &Paths, hash: &str, tokenizer: &JapaneseTokenizer) -> Result<Current> {
    let Some(locked) = generation::lock_current(&paths.index)? else { return Ok(Current::Missing) };
    let manifest = match read_manifest(&locked.dir) {
        Ok(manifest) => manifest,
        Err(why) => return Ok(Current::Damaged(why)),
    };
    if manifest.content_hash != hash {
        return Ok(Current::Stale);
    }
    // tantivy may panic on damaged files; the checks come first, and this is the boundary.
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| open_verified(&locked.dir, &manifest)));
    let reader = match opened {
        Ok(Ok(reader)) => reader,
        Ok(Err(why)) => return Ok(Current::Damaged(why)),
        Err(_) => return Ok(Current::Damaged(format!("{} を読むと内部エラーになります", locked.dir.display()))),
    };
    register_reader(&reader, tokenizer);
    let (_, fields) = schema();
    Ok(Current::Ready(Box::new(PlanIndex {
        reader,
        documents: manifest.documents,
        fields,
        tokenizer: tokenizer.clone(),
        problems: Vec::new(),
        _in_use: locked.in_use,
    })))
}

fn register_reader(reader: &IndexReader, tokenizer: &JapaneseTokenizer) {
    register(reader.searcher().index(), tokenizer);
}

/// The manifest, if it is whole: its own hash matches and it parses.
fn read_manifest(dir: &Path) -> std::result::Result<Manifest, String> {
    let path = dir.join(MANIFEST);
    let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sum_path = dir.join(MANIFEST_SUM);
    let sum = fs::read_to_string(&sum_path).map_err(|e| format!("{}: {e}", sum_path.display()))?;
    if sum.trim() != sha256_hex(&bytes) {
        return Err(format!("{} が書き換わっています", path.display()));
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a generation after checking every file the manifest lists: present, of its size, and
/// with its checksum (tantivy's CRC32 footer, or the manifest's SHA-256). Reading every byte
/// costs a few milliseconds per 10 MB of index (BENCHMARKS.md); it is what turns a flipped
/// byte into a rebuild instead of a panic or a silently different answer.
fn open_verified(dir: &Path, manifest: &Manifest) -> std::result::Result<IndexReader, String> {
    let named = |name: &str, e: &dyn std::fmt::Display| format!("{}: {e}", dir.join(name).display());
    for file in &manifest.files {
        let path = dir.join(&file.name);
        let meta = fs::metadata(&path).map_err(|e| named(&file.name, &e))?;
        if meta.len() != file.size {
            return Err(named(&file.name, &format!("大きさが {} バイトではなく {} バイトです", file.size, meta.len())));
        }
        if let Some(sum) = &file.sha256 {
            let bytes = fs::read(&path).map_err(|e| named(&file.name, &e))?;
            if &sha256_hex(&bytes) != sum {
                return Err(named(&file.name, &"内容が書き換わっています"));
            }
        }
    }
    let directory = generation::ReadOnly::open(dir).map_err(|e| format!("{e:#}"))?;
    let index = tantivy::Index::open(directory).map_err(|e| named(MANIFEST, &e))?;
    for file in manifest.files.iter().filter(|f| f.sha256.is_none()) {
        match index.directory().validate_checksum(Path::new(&file.name)) {
            Ok(true) => {}
            Ok(false) => return Err(named(&file.name, &"チェックサムが合いません")),
            Err(e) => return Err(named(&file.name, &e)),
        }
    }
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| named("meta.json", &e))?;
    let records = reader.searcher().num_docs() as usize;
    if records != manifest.records {
        return Err(format!("{}: 記録が {} 件ではなく {records} 件です", dir.display(), manifest.records));
    }
    Ok(reader)
}

/// The content hash of the data folder, and warnings about documents that will be skipped.
struct Scan {
    hash: String,
    warnings: Vec<String>,
}

/// Hash of everything an index is built from: the documents, the catalog and [`FORMAT`].
pub fn content_hash(data_dir: &Path) -> Result<String> {
    Ok(scan(data_dir)?.hash)
}

fn scan(data_dir: &Path) -> Result<Scan> {
    if !data_dir.is_dir() {
        bail!("データのフォルダ {} がありません (--data で指定できます)", data_dir.display());
    }
    let mut hasher = Sha256::new();
    hasher.update(FORMAT.to_le_bytes());
    hasher.update(env!("CARGO_PKG_VERSION"));
    // The ingest and index code itself (hashed by build.rs): new parsing rebuilds old indexes.
    hasher.update(env!("PLANBOT_INDEX_CODE"));
    let catalog = data_dir.join("catalog.toml");
    if let Ok(bytes) = fs::read(&catalog) {
        hasher.update(b"catalog\0");
        hasher.update(&bytes);
    }
    // The reader's vocabulary decides what records a document yields.
    if let Ok(bytes) = fs::read(data_dir.join("vocabulary.toml")) {
        hasher.update(b"vocabulary\0");
        hasher.update(&bytes);
    }
    let discovered = ingest::discover(data_dir)?;
    let mut warnings: Vec<String> = discovered.skipped.iter().map(|p| p.warning()).collect();
    for file in &discovered.files {
        hasher.update(file.relative.as_bytes());
        hasher.update([0]);
        match ingest::read_document(&file.path) {
            Ok(bytes) => {
                hasher.update((bytes.len() as u64).to_le_bytes());
                hasher.update(&bytes);
            }
            // Skipped by the build too; once readable, the hash changes and the index follows.
            Err(e) => {
                hasher.update(b"unreadable\0");
                warnings.push(e.warning());
            }
        }
    }
    let hash = hasher.finalize()[..12].iter().map(|b| format!("{b:02x}")).collect();
    Ok(Scan { hash, warnings })
}

/// Ingests `data/` document by document into a new generation, then points `CURRENT` at it.
/// Call only while holding the [`generation::WriterLock`]. Returns warnings for the user.
fn build(paths: &Paths, hash: &str, tokenizer: &JapaneseTokenizer) -> Result<Vec<String>> {
    ingest::roles::use_data_dir(&paths.data).map_err(anyhow::Error::msg)?;
    let catalog = ingest::Catalog::load(&paths.data)?;
    let discovered = ingest::discover(&paths.data)?;
    let mut problems: Vec<String> = catalog.problems(&paths.data).iter().map(|p| p.warning()).collect();
    problems.extend(discovered.skipped.iter().map(|p| p.warning()));
    let files = discovered.files;
    let generation = format!("gen-{hash}-{}", std::process::id());
    let dir = paths.index.join(&generation);
    let in_folder = |e: &dyn std::fmt::Display| anyhow::anyhow!("索引のフォルダ {} に書けません: {e}", dir.display());
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| in_folder(&e))?;
    }
    fs::create_dir_all(&dir).map_err(|e| in_folder(&e))?;
    fs::write(dir.join(generation::IN_USE), "").map_err(|e| in_folder(&e))?;
    let (schema, f) = schema();
    let index = tantivy::Index::create_in_dir(&dir, schema).map_err(|e| in_folder(&e))?;
    register(&index, tokenizer);
    // Ingest runs on this thread while tantivy's threads analyse and index.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut writer: tantivy::IndexWriter =
        index.writer_with_num_threads(threads, 40_000_000 * threads).map_err(|e| in_folder(&e))?;
    let bar = ProgressBar::new(files.len() as u64).with_style(
        ProgressStyle::with_template("索引を作成中 {bar:30} {pos}/{len} 文書")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut documents: Vec<Source> = Vec::new();
    let mut records = 0usize;
    // Ingest runs on its own thread, a few documents ahead, so that parsing the next document
    // overlaps with feeding this one to tantivy's indexing threads.
    let (send, receive) = std::sync::mpsc::sync_channel(4);
    let data = paths.data.clone();
    let producer_files = files.clone();
    let producer = std::thread::spawn(move || {
        for file in &producer_files {
            if send.send(ingest::ingest_file(file, &catalog, &data)).is_err() {
                break;
            }
        }
    });
    for ingested in receive {
        bar.inc(1);
        let found = match ingested {
            Ok(found) => found,
            Err(e) => {
                problems.push(e.warning());
                continue;
            }
        };
        let Some(first) = found.first() else { continue };
        documents.push(first.source.clone());
        let doc_id = documents.len() - 1;
        // Every record of a section repeats its title: analyse each title once per document.
        let mut sections: HashMap<String, PreTokenizedString> = HashMap::new();
        for record in &found {
            writer
                .add_document(to_document(record, doc_id, &f, tokenizer, &mut sections)?)
                .map_err(|e| in_folder(&e))?;
        }
        records += found.len();
    }
    producer.join().map_err(|_| anyhow::anyhow!("文書の読み込みスレッドが異常終了しました"))?;
    writer.commit().map_err(|e| in_folder(&e))?;
    writer.wait_merging_threads().map_err(|e| in_folder(&e))?;
    drop(index);
    bar.finish_and_clear();
    let manifest = Manifest { content_hash: hash.to_string(), records, documents, files: file_checks(&dir)? };
    let bytes = serde_json::to_vec_pretty(&manifest)?;
    fs::write(dir.join(MANIFEST), &bytes).map_err(|e| in_folder(&e))?;
    fs::write(dir.join(MANIFEST_SUM), sha256_hex(&bytes)).map_err(|e| in_folder(&e))?;
    generation::publish(&paths.index, &generation)?;
    generation::remove_unused(&paths.index, &generation);
    Ok(problems)
}

/// Size (and for tantivy's JSON files, SHA-256) of every file tantivy wrote into `dir`.
fn file_checks(dir: &Path) -> Result<Vec<FileCheck>> {
    let mut checks = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("{} を読めません", dir.display()))? {
        let entry = entry.with_context(|| format!("{} を読めません", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Lock files: empty, and tantivy's own; IN_USE is ours.
        if name == generation::IN_USE || name.ends_with(".lock") {
            continue;
        }
        let path = entry.path();
        let unreadable = || format!("{} を読めません", path.display());
        let size = entry.metadata().with_context(unreadable)?.len();
        let sha256 =
            if name.ends_with(".json") { Some(sha256_hex(&fs::read(&path).with_context(unreadable)?)) } else { None };
        checks.push(FileCheck { name, size, sha256 });
    }
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(checks)
}

/// A record as stored: its document by number instead of the whole `Source` again.
#[derive(Serialize, Deserialize)]
struct Stored {
    doc: usize,
    section: ingest::Section,
    line: usize,
    line_end: usize,
    quote: String,
    body: Body,
}

fn to_document(
    record: &Record,
    doc_id: usize,
    f: &Fields,
    tokenizer: &JapaneseTokenizer,
    sections: &mut HashMap<String, PreTokenizedString>,
) -> Result<TantivyDocument> {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, record.body.kind());
    doc.add_text(f.municipality, record.source.municipality.as_deref().unwrap_or(""));
    doc.add_text(f.section_number, record.section.number.as_deref().unwrap_or(""));
    let name = record.body.name();
    doc.add_text(f.name, &name);
    doc.add_text(f.name_bigram, ascii_lower(&name));
    let body = record.body.detail_text();
    doc.add_text(f.body, &body);
    // A passage (most of the text) is found by its own morphemes. Structured records also get:
    // the exact file and section `records_in` lists them by; bigrams, so a compound meets its
    // parts; and their section's words, since their own words may not say where they stand
    // (the 施策中項目 of 「危機管理体制の強化」).
    let passage = matches!(record.body, Body::Passage(_));
    if !passage {
        let label = record.section.label();
        doc.add_text(f.file, &record.source.file);
        doc.add_text(f.section_label, &label);
        doc.add_text(f.body_bigram, ascii_lower(&body));
        let sub = record.section.path.last().filter(|p| **p != record.section.title);
        let text = format!("{label} {}", sub.map_or("", |s| s.as_str()));
        let tokens = sections.entry(text).or_insert_with_key(|t| tokenizer.pre_tokenized(t)).clone();
        doc.add_pre_tokenized_text(f.section, tokens);
    }
    // A passage's quote is its own text: stored once, restored by `hydrate`.
    let quote = if passage { String::new() } else { record.quote.clone() };
    let stored = Stored {
        doc: doc_id,
        section: record.section.clone(),
        line: record.line,
        line_end: record.line_end,
        quote,
        body: record.body.clone(),
    };
    doc.add_text(f.record, serde_json::to_string(&stored)?);
    Ok(doc)
}

/// Latin letters lower-cased, the way query bigrams are made; borrowed when nothing changes.
pub fn ascii_lower(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

impl PlanIndex {
    /// The best `limit` records for a query, with their scores.
    /// A panic inside tantivy (damage the checks at open could not see) becomes an error here:
    /// this is the boundary between the engine and the index.
    pub fn search(&self, query: &dyn Query, limit: usize) -> Result<Vec<(f32, Record)>> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.search_unguarded(query, limit)))
            .unwrap_or_else(|_| bail!("索引の読み取り中に内部エラーが起きました（planbot index で作り直してください）"))
    }

    fn search_unguarded(&self, query: &dyn Query, limit: usize) -> Result<Vec<(f32, Record)>> {
        let searcher = self.reader.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        top.into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let json = doc.get_first(self.fields.record).and_then(|v| v.as_str()).unwrap_or("{}");
                let stored: Stored = serde_json::from_str(json).context("索引の記録を読めません")?;
                Ok((score, self.hydrate(stored)?))
            })
            .collect()
    }

    /// The documents this index was built from.
    pub fn documents(&self) -> Result<Vec<Source>> {
        Ok(self.documents.clone())
    }

    fn hydrate(&self, stored: Stored) -> Result<Record> {
        let source = self.documents.get(stored.doc).context("索引の文書番号が壊れています")?.clone();
        let quote = match (&stored.body, stored.quote.is_empty()) {
            (Body::Passage(p), true) => p.text.clone(),
            _ => stored.quote,
        };
        Ok(Record {
            source,
            section: stored.section,
            line: stored.line,
            line_end: stored.line_end,
            quote,
            body: stored.body,
        })
    }

    /// Records of one kind in one document, or in one section of it, in line order.
    pub fn records_in(&self, file: &str, kind: &str, section: Option<&str>) -> Result<Vec<Record>> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        let term = |field, text: &str| -> (Occur, Box<dyn Query>) {
            let t = tantivy::Term::from_field_text(field, text);
            (Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic)))
        };
        let mut clauses = vec![term(self.fields.file, file), term(self.fields.kind, kind)];
        if let Some(section) = section {
            clauses.push(term(self.fields.section_label, section));
        }
        let mut records: Vec<Record> =
            self.search(&BooleanQuery::new(clauses), 10_000)?.into_iter().map(|(_, r)| r).collect();
        records.sort_by_key(|r| r.line);
        Ok(records)
    }

    /// In how many records a word occurs (name or body), for weighing question terms.
    pub fn doc_freq(&self, word: &str) -> u64 {
        let searcher = self.reader.searcher();
        let count = || {
            [self.fields.name, self.fields.body]
                .iter()
                .map(|f| searcher.doc_freq(&tantivy::Term::from_field_text(*f, word)).unwrap_or(0))
                .max()
                .unwrap_or(0)
        };
        // A weight only: damage that panics here is reported by the search that follows.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(count)).unwrap_or(0)
    }

    pub fn num_records(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_index() -> (tempfile::TempDir, Paths) {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths { data: dir.path().join("data"), index: dir.path().join("index") };
        fs::create_dir_all(&paths.data).unwrap();
        fs::write(paths.data.join("plan.txt"), "防災倉庫の点検を毎月行います。\n備蓄食料は6万食を目指します。\n")
            .unwrap();
        (dir, paths)
    }

    /// A query that fails the way damaged index data makes tantivy fail.
    #[derive(Debug, Clone)]
    struct Panics;

    impl Query for Panics {
        fn weight(&self, _: tantivy::query::EnableScoring<'_>) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
            panic!("index data damaged");
        }
    }

    #[test]
    fn a_panic_inside_the_search_is_an_error_not_a_crash() {
        let (_dir, paths) = small_index();
        let (index, opened) = open(&paths).unwrap();
        assert_eq!(opened, Opened::Built);
        let err = index.search(&Panics, 10).unwrap_err().to_string();
        assert!(err.contains("内部エラー"), "{err}");
    }

    #[test]
    fn a_changed_file_of_the_index_is_found_at_open_and_rebuilt() {
        let (_dir, paths) = small_index();
        let (index, _) = open(&paths).unwrap();
        let records = index.num_records();
        drop(index);
        let current = fs::read_to_string(paths.index.join(generation::CURRENT)).unwrap();
        let store = fs::read_dir(paths.index.join(current.trim()))
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".store"))
            .unwrap()
            .path();
        let mut bytes = fs::read(&store).unwrap();
        bytes[0] ^= 0x80;
        fs::write(&store, bytes).unwrap();
        let (index, opened) = open(&paths).unwrap();
        assert_eq!(opened, Opened::Built);
        assert_eq!(index.num_records(), records);
        assert!(
            index.problems.iter().any(|p| p.contains("壊れていた") && p.contains(".store")),
            "{:?}",
            index.problems
        );
    }
}
