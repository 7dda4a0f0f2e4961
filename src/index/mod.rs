//! The tantivy index of plan records under `index/`, analysed with lindera.
//!
//! [`open`] is the one way in: it loads the dictionary, registers the Japanese tokenizer, and
//! rebuilds the index when the documents or catalog changed (content hash) or the index is
//! damaged or missing. A build goes into a fresh generation folder; the `CURRENT` pointer file
//! is then replaced with one `rename`, so a reader sees the old index or the new one, never half.

pub mod dictionary;
pub mod tokenizer;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::tokenizer::{NgramTokenizer, PreTokenizedString, TextAnalyzer};
use tantivy::{IndexReader, TantivyDocument};

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

#[derive(Serialize, Deserialize, PartialEq)]
struct Manifest {
    content_hash: String,
    records: usize,
    documents: Vec<Source>,
}

/// An open index: search it, or read records back.
pub struct PlanIndex {
    reader: IndexReader,
    documents: Vec<Source>,
    pub fields: Fields,
    pub tokenizer: JapaneseTokenizer,
    /// Problems ingest met while building this index (empty when it was already built).
    pub problems: Vec<String>,
}

/// How `open` went, for the surfaces to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Existing,
    Built,
}

/// Opens the index for `paths`, building or rebuilding it when needed.
pub fn open(paths: &Paths) -> Result<(PlanIndex, Opened)> {
    let dictionary = dictionary::load(&dictionary::cache_root())?;
    let tokenizer = JapaneseTokenizer::new(dictionary);
    let hash = content_hash(&paths.data)?;
    if let Some(index) = try_open_current(paths, &hash, &tokenizer) {
        return Ok((index, Opened::Existing));
    }
    let problems = build(paths, &hash, &tokenizer)?;
    let mut index = try_open_current(paths, &hash, &tokenizer).context("作ったばかりの索引を開けません")?;
    index.problems = problems;
    Ok((index, Opened::Built))
}

/// Rebuilds the index whatever its state (`planbot index`).
pub fn rebuild(paths: &Paths) -> Result<PlanIndex> {
    let dictionary = dictionary::load(&dictionary::cache_root())?;
    let tokenizer = JapaneseTokenizer::new(dictionary);
    let hash = content_hash(&paths.data)?;
    let problems = build(paths, &hash, &tokenizer)?;
    let mut index = try_open_current(paths, &hash, &tokenizer).context("作ったばかりの索引を開けません")?;
    index.problems = problems;
    Ok(index)
}

fn register(index: &tantivy::Index, tokenizer: &JapaneseTokenizer) {
    index.tokenizers().register(TOKENIZER_NAME, tokenizer.clone());
    // Text reaching the bigram fields is NFKC and ASCII-lower-cased already (`ascii_lower`),
    // so no Unicode lower-casing filter is needed here.
    let bigram = TextAnalyzer::builder(NgramTokenizer::new(2, 2, false).expect("2..2 is a valid n-gram range")).build();
    index.tokenizers().register(BIGRAM_TOKENIZER, bigram);
}

/// The current generation, if it exists, is readable and was built from this content.
fn try_open_current(paths: &Paths, hash: &str, tokenizer: &JapaneseTokenizer) -> Option<PlanIndex> {
    let name = fs::read_to_string(paths.index.join("CURRENT")).ok()?;
    let dir = paths.index.join(name.trim());
    let manifest: Manifest = serde_json::from_slice(&fs::read(dir.join("manifest.json")).ok()?).ok()?;
    if manifest.content_hash != hash {
        return None;
    }
    let index = tantivy::Index::open_in_dir(&dir).ok()?;
    register(&index, tokenizer);
    let (_, fields) = schema();
    let reader = index.reader().ok()?;
    if reader.searcher().num_docs() as usize != manifest.records {
        return None;
    }
    let documents = manifest.documents;
    Some(PlanIndex { reader, documents, fields, tokenizer: tokenizer.clone(), problems: Vec::new() })
}

/// Hash of everything an index is built from: the documents, the catalog and [`FORMAT`].
pub fn content_hash(data_dir: &Path) -> Result<String> {
    if !data_dir.is_dir() {
        anyhow::bail!("データのフォルダ {} がありません (--data で指定できます)", data_dir.display());
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
    for file in ingest::document_files(data_dir) {
        let bytes = fs::read(&file.path).with_context(|| format!("{} を読めません", file.path.display()))?;
        hasher.update(file.relative.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher.finalize()[..12].iter().map(|b| format!("{b:02x}")).collect())
}

/// Ingests `data/` document by document into a new generation, then points `CURRENT` at it.
fn build(paths: &Paths, hash: &str, tokenizer: &JapaneseTokenizer) -> Result<Vec<String>> {
    ingest::roles::use_data_dir(&paths.data).map_err(anyhow::Error::msg)?;
    let catalog = ingest::Catalog::load(&paths.data)?;
    let files = ingest::document_files(&paths.data);
    fs::create_dir_all(&paths.index)
        .with_context(|| format!("索引のフォルダ {} を作れません", paths.index.display()))?;
    let generation = format!("gen-{hash}-{}", std::process::id());
    let dir = paths.index.join(&generation);
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    let (schema, f) = schema();
    let index = tantivy::Index::create_in_dir(&dir, schema)?;
    register(&index, tokenizer);
    // Ingest runs on this thread while tantivy's threads analyse and index.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(threads, 40_000_000 * threads)?;
    let bar = ProgressBar::new(files.len() as u64).with_style(
        ProgressStyle::with_template("索引を作成中 {bar:30} {pos}/{len} 文書")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut problems = Vec::new();
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
                problems.push(e.to_string());
                continue;
            }
        };
        let Some(first) = found.first() else { continue };
        documents.push(first.source.clone());
        let doc_id = documents.len() - 1;
        // Every record of a section repeats its title: analyse each title once per document.
        let mut sections: HashMap<String, PreTokenizedString> = HashMap::new();
        for record in &found {
            writer.add_document(to_document(record, doc_id, &f, tokenizer, &mut sections)?)?;
        }
        records += found.len();
    }
    producer.join().map_err(|_| anyhow::anyhow!("文書の読み込みスレッドが異常終了しました"))?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    bar.finish_and_clear();
    let manifest = Manifest { content_hash: hash.to_string(), records, documents };
    fs::write(dir.join("manifest.json"), serde_json::to_vec_pretty(&manifest)?)?;
    let pointer = tempfile::NamedTempFile::new_in(&paths.index)?;
    fs::write(pointer.path(), &generation)?;
    pointer.persist(paths.index.join("CURRENT")).context("索引の切り替えに失敗しました")?;
    remove_old_generations(&paths.index, &generation);
    Ok(problems)
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

fn remove_old_generations(index_dir: &Path, keep: &str) {
    let Ok(entries) = fs::read_dir(index_dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("gen-") && name != keep {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl PlanIndex {
    /// The best `limit` records for a query, with their scores.
    pub fn search(&self, query: &dyn Query, limit: usize) -> Result<Vec<(f32, Record)>> {
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
        [self.fields.name, self.fields.body]
            .iter()
            .map(|f| searcher.doc_freq(&tantivy::Term::from_field_text(*f, word)).unwrap_or(0))
            .max()
            .unwrap_or(0)
    }

    pub fn num_records(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
