//! The tantivy index of plan records under `index/`, analysed with lindera.
//!
//! [`open`] is the one way in: it loads the dictionary, registers the Japanese tokenizer, and
//! updates the index when documents or the catalog changed (a content hash per document: only
//! those are read again, [`build`]), or rebuilds it when the analysis changed or the index is
//! damaged (every file checked against the manifest's sizes and checksums) or missing. Every
//! build or update goes into a fresh generation folder under a writer lock; the `CURRENT`
//! pointer file is then replaced with one `rename`, so a reader sees the old index or the new
//! one, never half, and a generation stays on disk while a reader holds it ([`generation`]).
//! Opening an up-to-date index writes nothing, so a read-only index folder serves.
//!
//! What an open index holds in memory besides tantivy's maps of its files: the list of
//! documents (a few hundred bytes each, for citations). Records stay on disk.

pub mod build;
pub mod dictionary;
pub mod generation;
pub mod statistics;
pub mod tokenizer;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::collector::TopDocs;
use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED};
use tantivy::tokenizer::{NgramTokenizer, TextAnalyzer};
use tantivy::{IndexReader, ReloadPolicy, TantivyDocument};

use crate::ingest::{self, Body, Record, Source};
pub use build::{Options, Update};
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
    // Exact values (one raw token per record): no field norms. A field's norm is its number of
    // tokens, which is 1 in every record that has one of these, and BM25 reads a norm of 1 when a
    // field has none: the scores are the same, without a byte per record and field (14 MB of the
    // index at N = 3000, read by every scored filter over a kind or a municipality).
    let exact = || {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::Basic),
        )
    };
    let fields = Fields {
        kind: b.add_text_field("kind", exact() | STORED),
        municipality: b.add_text_field("municipality", exact()),
        file: b.add_text_field("file", exact()),
        section_number: b.add_text_field("section_number", exact()),
        section_label: b.add_text_field("section_label", exact()),
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
    /// Of the analysis ([`build::scan`]): when it changes, every document is read again.
    #[serde(default)]
    analysis: String,
    /// When the data folder was scanned for this generation (seconds since 1970).
    #[serde(default)]
    scanned_at: i64,
    records: usize,
    /// By the number records store; a removed document leaves `None` until a full build.
    documents: Vec<Option<Source>>,
    /// Every document the generation was built from, with its content hash.
    #[serde(default)]
    entries: Vec<build::DocEntry>,
    /// Every file of the generation, checked when it is opened.
    files: Vec<FileCheck>,
}

/// One file of a generation as it was written: its size, and the SHA-256 of the small files
/// tantivy writes without a checksum of their own (`meta.json`, `.managed.json`). tantivy's
/// segment files end with a CRC32 footer, checked instead.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
struct FileCheck {
    name: String,
    size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sha256: Option<String>,
}

/// An open index: search it, or read records back.
pub struct PlanIndex {
    reader: IndexReader,
    documents: Vec<Option<Source>>,
    pub fields: Fields,
    pub tokenizer: JapaneseTokenizer,
    /// Warnings for the user: documents skipped (on every open), catalog problems (when built),
    /// and damage repaired by rebuilding.
    pub problems: Vec<String>,
    /// The shared lock that keeps this generation on disk while it is used.
    _in_use: Option<fs::File>,
    /// Document frequencies and token counts, counted once for this generation.
    statistics: statistics::Statistics,
}

/// How `open` went, for the surfaces to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Existing,
    Built,
}

/// Opens the index for `paths`, building or updating it when needed. An up-to-date index is
/// only read, so a read-only index folder works; a damaged one is rebuilt, a stale one updated
/// (only the documents that changed are read again).
pub fn open(paths: &Paths) -> Result<(PlanIndex, Opened)> {
    let tokenizer = load_tokenizer()?;
    let found = find_current(&paths.index)?;
    let scan = build::scan(&paths.data, found.manifest())?;
    // Every arm consumes `found`: a stale generation's read lock must not outlive this match,
    // or the update below could not remove that generation.
    let damaged = match found {
        Found::Generation(generation) if generation.manifest.content_hash == scan.hash => {
            match ready(generation, &tokenizer) {
                Ok(index) => {
                    // What the scan and the checks freed (the bench's process held 22 MB more
                    // anonymous memory after this open at 15,000 documents) goes back to the
                    // system before the process answers from what it opened.
                    build::release_freed_heap();
                    return Ok((with_problems(index, scan.warnings), Opened::Existing));
                }
                Err(why) => Some(why),
            }
        }
        Found::Generation(stale) => {
            drop(stale);
            None
        }
        Found::Damaged(why) => Some(why),
        Found::Missing => None,
    };
    let _writer = generation::WriterLock::acquire(&paths.index).with_context(|| match &damaged {
        Some(why) => format!("索引が壊れています（{why}）"),
        None => "索引が古いか、まだありません".to_string(),
    })?;
    // Another process may have built this content while this one waited for the lock.
    let (index, update) = refresh(paths, &tokenizer, Options::default(), Keep::Everything)?;
    Ok((index, if update.wrote { Opened::Built } else { Opened::Existing }))
}

/// Rebuilds the index from every document whatever its state (`planbot index --full`).
pub fn rebuild(paths: &Paths) -> Result<PlanIndex> {
    Ok(update(paths, Options { full: true, ..Options::default() })?.0)
}

/// Brings the index up to date with `data/` (`planbot index`): re-reads the documents added or
/// changed since the current generation, drops the removed ones, and reads everything again
/// only when the analysis changed, the index is missing or damaged, or `options.full` says so.
pub fn update(paths: &Paths, options: Options) -> Result<(PlanIndex, Update)> {
    let tokenizer = load_tokenizer()?;
    let _writer = generation::WriterLock::acquire(&paths.index)?;
    refresh(paths, &tokenizer, options, Keep::Everything)
}

/// Which of a document's records reach the index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Keep {
    #[default]
    Everything,
    /// Only passages, as if the reader had recognised no table, label or sentence: the lines
    /// its records stood on become passages again ([`passages_only`]).
    Passages,
}

/// Builds, from nothing, an index of passages only into `paths.index` (`planbot eval
/// --passages-only`): the answers of a reader that failed on every layout, which is what a
/// document of an unseen layout risks. Use a folder of its own: the manifest does not record
/// the difference, so a normal open would take this index for an up-to-date one.
pub fn build_passages_only(paths: &Paths) -> Result<PlanIndex> {
    let tokenizer = load_tokenizer()?;
    let _writer = generation::WriterLock::acquire(&paths.index)?;
    Ok(refresh(paths, &tokenizer, Options { full: true, ..Options::default() }, Keep::Passages)?.0)
}

/// A document's records as a reader that recognised nothing would give them: passages are
/// kept; every other record whose lines no passage holds becomes a passage of its own lines
/// (a table row, a labelled block), once; records stated in sentences that passages already
/// hold are dropped.
pub fn passages_only(records: Vec<Record>) -> Vec<Record> {
    let mut held: std::collections::HashSet<(String, usize)> = std::collections::HashSet::new();
    let (mut passages, others): (Vec<Record>, Vec<Record>) =
        records.into_iter().partition(|r| matches!(r.body, Body::Passage(_)));
    for p in &passages {
        held.extend((p.line..=p.line_end.max(p.line)).map(|l| (p.source.file.clone(), l)));
    }
    let mut others = others;
    others.sort_by(|a, b| (&a.source.file, a.line, a.line_end).cmp(&(&b.source.file, b.line, b.line_end)));
    for r in others {
        let lines = r.line..=r.line_end.max(r.line);
        if lines.clone().all(|l| held.contains(&(r.source.file.clone(), l))) {
            continue;
        }
        held.extend(lines.map(|l| (r.source.file.clone(), l)));
        let text = r.quote.replace(['|', '\t'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
        passages.push(Record { body: Body::Passage(ingest::record::Passage { text }), ..r });
    }
    passages.sort_by_key(|r| (r.line, r.line_end));
    passages
}

fn load_tokenizer() -> Result<JapaneseTokenizer> {
    JapaneseTokenizer::load(&dictionary::cache_root())
}

fn with_problems(mut index: PlanIndex, problems: Vec<String>) -> PlanIndex {
    index.problems = problems;
    index
}

/// The update itself. Call only while holding the [`generation::WriterLock`].
fn refresh(paths: &Paths, tokenizer: &JapaneseTokenizer, options: Options, keep: Keep) -> Result<(PlanIndex, Update)> {
    let found = find_current(&paths.index)?;
    let scan = build::scan(&paths.data, found.manifest())?;
    let mut damaged = None;
    let base = match found {
        Found::Generation(generation) if !options.full && generation.manifest.content_hash == scan.hash => {
            let unchanged = generation.manifest.entries.len();
            let name = generation.locked.dir.file_name().map(|n| n.to_string_lossy().into_owned());
            match ready(generation, tokenizer) {
                Ok(index) => {
                    // Nothing to write, but generations that readers have since let go (a server
                    // that stopped) and halves of killed builds are still removed.
                    if let Some(name) = name {
                        generation::remove_unused(&paths.index, &name);
                    }
                    let update = Update { unchanged, ..Update::default() };
                    return Ok((with_problems(index, scan.warnings), update));
                }
                Err(why) => {
                    damaged = Some(why);
                    None
                }
            }
        }
        Found::Generation(generation) => Some(generation),
        Found::Damaged(why) => {
            damaged = Some(why);
            None
        }
        Found::Missing => None,
    };
    let full_because = if options.full {
        Some("すべて読み直すよう指定されました".to_string())
    } else if let Some(why) = &damaged {
        Some(format!("索引が壊れていました: {why}"))
    } else {
        match &base {
            None => Some("索引がまだありません".to_string()),
            Some(g) if g.manifest.analysis != scan.analysis => {
                Some("読み取りの設定（プログラム・語彙）が変わりました".to_string())
            }
            Some(_) => None,
        }
    };
    let from = base.as_ref().filter(|_| full_because.is_none());
    // An update links the files of the generation it starts from into the new one. They are
    // checked here, on a thread of their own while the changed documents are read, so that
    // opening the new generation reads only the files the update wrote, instead of every file
    // of the index once more (issue 12). Damage found here leaves nothing trusted: the open
    // below then checks every file, fails on the damaged one, and everything is read again.
    let base_check = from.map(|g| {
        let (dir, files) = (g.locked.dir.clone(), g.manifest.files.clone());
        std::thread::spawn(move || {
            let sound = check_files(&dir, &files, &Checked::new()).is_ok();
            let segments = files.into_iter().filter(|f| sound && f.sha256.is_none());
            segments.map(|f| (f.name, f.size)).collect::<Checked>()
        })
    });
    let written = build::write_generation(
        paths,
        &scan,
        from.map(|g| build::Base { dir: &g.locked.dir, manifest: &g.manifest }),
        tokenizer,
        options.threads,
        keep,
    );
    let incremental = from.is_some();
    let checked = base_check.and_then(|check| check.join().ok()).unwrap_or_default();
    // The old generation stays locked until the new one is written and its files checked, then
    // is let go so that it can be removed once no other process reads it.
    drop(base);
    let (mut update, mut problems, name) = written?;
    update.full = full_because;
    if let Some(why) = damaged {
        problems.insert(0, format!("索引が壊れていたので作り直しました: {why}"));
    }
    generation::remove_unused(&paths.index, &name);
    match built(paths, &scan.hash, tokenizer, &checked) {
        Ok(index) => Ok((with_problems(index, problems), update)),
        // The generation updated from was damaged where nothing looked: read everything again.
        Err(why) if incremental => {
            let (mut update, problems, name) =
                build::write_generation(paths, &scan, None, tokenizer, options.threads, keep)?;
            update.full = Some(format!("更新した索引を開けませんでした: {why:#}"));
            generation::remove_unused(&paths.index, &name);
            Ok((with_problems(built(paths, &scan.hash, tokenizer, &Checked::new())?, problems), update))
        }
        Err(why) => Err(why),
    }
}

/// The generation just built, which must open.
fn built(paths: &Paths, hash: &str, tokenizer: &JapaneseTokenizer, checked: &Checked) -> Result<PlanIndex> {
    match find_current(&paths.index)? {
        Found::Generation(generation) if generation.manifest.content_hash == hash => {
            ready_after(generation, tokenizer, checked)
                .map_err(|why| anyhow::anyhow!("作ったばかりの索引を開けません: {why}"))
        }
        Found::Damaged(why) => bail!("作ったばかりの索引を開けません: {why}"),
        Found::Generation(_) | Found::Missing => {
            bail!("作ったばかりの索引を開けません: {}", paths.index.display())
        }
    }
}

fn register(index: &tantivy::Index, tokenizer: &JapaneseTokenizer) {
    index.tokenizers().register(TOKENIZER_NAME, tokenizer.clone());
    // Text reaching the bigram fields is NFKC and ASCII-lower-cased already (`ascii_lower`),
    // so no Unicode lower-casing filter is needed here.
    let bigram = TextAnalyzer::builder(NgramTokenizer::new(2, 2, false).expect("2..2 is a valid n-gram range")).build();
    index.tokenizers().register(BIGRAM_TOKENIZER, bigram);
}

/// What the index folder holds: read only, nothing in it is created or changed.
enum Found {
    Missing,
    /// The manifest is missing, changed or unreadable: the reason, naming the file.
    Damaged(String),
    /// The current generation, locked for reading, with its manifest (not yet verified).
    Generation(Generation),
}

struct Generation {
    locked: generation::Locked,
    manifest: Manifest,
}

impl Found {
    fn manifest(&self) -> Option<&Manifest> {
        match self {
            Found::Generation(g) => Some(&g.manifest),
            Found::Missing | Found::Damaged(_) => None,
        }
    }
}

fn find_current(index_dir: &Path) -> Result<Found> {
    let Some(locked) = generation::lock_current(index_dir)? else { return Ok(Found::Missing) };
    Ok(match read_manifest(&locked.dir) {
        Ok(manifest) => Found::Generation(Generation { locked, manifest }),
        Err(why) => Found::Damaged(why),
    })
}

/// Opens a generation after checking every file of it; the reason, naming the file, when it
/// cannot be used.
fn ready(generation: Generation, tokenizer: &JapaneseTokenizer) -> std::result::Result<PlanIndex, String> {
    ready_after(generation, tokenizer, &Checked::new())
}

/// [`ready`], not reading again the files in `checked`.
fn ready_after(
    generation: Generation,
    tokenizer: &JapaneseTokenizer,
    checked: &Checked,
) -> std::result::Result<PlanIndex, String> {
    let Generation { locked, manifest } = generation;
    // tantivy may panic on damaged files; the checks come first, and this is the boundary.
    let opened =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| open_verified(&locked.dir, &manifest, checked)));
    let reader = match opened {
        Ok(Ok(reader)) => reader,
        Ok(Err(why)) => return Err(why),
        Err(_) => return Err(format!("{} を読むと内部エラーになります", locked.dir.display())),
    };
    register(reader.searcher().index(), tokenizer);
    let (_, fields) = schema();
    Ok(PlanIndex {
        reader,
        documents: manifest.documents,
        fields,
        tokenizer: tokenizer.clone(),
        problems: Vec::new(),
        _in_use: locked.in_use,
        statistics: statistics::Statistics::default(),
    })
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
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Segment files (name, size) this process has already read whole and found sound, in the
/// generation an update linked them from: the same inodes, which tantivy never rewrites.
type Checked = std::collections::HashSet<(String, u64)>;

/// Checks `files` in `dir`: present, of their size, and with their checksum (tantivy's CRC32
/// footer, or the manifest's SHA-256); the files in `checked` are only sized. The reason,
/// naming the file, when one is not sound.
fn check_files(dir: &Path, files: &[FileCheck], checked: &Checked) -> std::result::Result<(), String> {
    let named = |name: &str, e: &dyn std::fmt::Display| format!("{}: {e}", dir.join(name).display());
    for file in files {
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
    // tantivy's segment files end with a CRC32 of their body; the files are independent, so
    // they are checked on all cores, and read with `read` rather than through tantivy's memory
    // map: every page mapped here would count in the process's resident memory until the
    // kernel dropped it (issue 12: a whole 660 MB index at N = 3000).
    use rayon::prelude::*;
    let results: Vec<std::result::Result<(), String>> = files
        .par_iter()
        .filter(|f| f.sha256.is_none() && !checked.contains(&(f.name.clone(), f.size)))
        .map(|file| match generation::footer_checksum_matches(&dir.join(&file.name)) {
            Ok(true) => Ok(()),
            Ok(false) => Err(named(&file.name, &"チェックサムが合いません")),
            Err(e) => Err(named(&file.name, &e)),
        })
        .collect();
    results.into_iter().collect()
}

/// Opens a generation after checking every file the manifest lists: present, of its size, and
/// with its checksum (tantivy's CRC32 footer, or the manifest's SHA-256). Reading every byte
/// costs a few milliseconds per 10 MB of index (BENCHMARKS.md); it is what turns a flipped
/// byte into a rebuild instead of a panic or a silently different answer.
fn open_verified(dir: &Path, manifest: &Manifest, checked: &Checked) -> std::result::Result<IndexReader, String> {
    let named = |name: &str, e: &dyn std::fmt::Display| format!("{}: {e}", dir.join(name).display());
    check_files(dir, &manifest.files, checked)?;
    let directory = generation::ReadOnly::open(dir).map_err(|e| format!("{e:#}"))?;
    let index = tantivy::Index::open(directory).map_err(|e| named(MANIFEST, &e))?;
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

/// Hash of everything an index is built from: the documents, the catalog, the vocabulary and
/// the analysis code.
pub fn content_hash(data_dir: &Path) -> Result<String> {
    Ok(build::scan(data_dir, None)?.hash)
}

/// A record as stored: its document by number instead of the whole `Source` again.
#[derive(Serialize, Deserialize)]
struct Stored {
    doc: usize,
    section: ingest::Section,
    line: usize,
    line_end: usize,
    quote: String,
    #[serde(deserialize_with = "stored_body")]
    body: Body,
}

/// A stored `Body`, read straight into its variant. Written by serde_json, its tag `kind` comes
/// first; serde's derived reading of an internally tagged enum buffers the whole map first
/// instead (a tenth of an ask's instructions went to reading the records it looks at). Anything
/// else (the tag elsewhere, a kind this code does not name) goes the derived way.
fn stored_body<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Body, D::Error> {
    deserializer.deserialize_map(BodyVisitor)
}

struct BodyVisitor;

impl<'de> serde::de::Visitor<'de> for BodyVisitor {
    type Value = Body;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the body of a record")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Body, A::Error> {
        use serde::de::value::MapAccessDeserializer;
        use serde::de::Error;
        use serde_json::Value as Json;
        let Some(key) = map.next_key::<String>()? else { return Err(A::Error::missing_field("kind")) };
        let first: Json = map.next_value()?;
        if key == "kind" {
            let rest = MapAccessDeserializer::new(map);
            match first.as_str().unwrap_or("") {
                "indicator" => return Ok(Body::Indicator(Box::new(Deserialize::deserialize(rest)?))),
                "measure" => return Ok(Body::Measure(Deserialize::deserialize(rest)?)),
                "responsibility" => return Ok(Body::Responsibility(Deserialize::deserialize(rest)?)),
                "satisfaction" => return Ok(Body::Satisfaction(Deserialize::deserialize(rest)?)),
                "plan" => return Ok(Body::Plan(Deserialize::deserialize(rest)?)),
                "count" => return Ok(Body::Count(Deserialize::deserialize(rest)?)),
                "passage" => return Ok(Body::Passage(Deserialize::deserialize(rest)?)),
                _ => return derived(key, first, rest),
            }
        }
        derived(key, first, MapAccessDeserializer::new(map))
    }
}

/// The derived reading of a body whose first entry (`key`, `first`) is already read.
fn derived<'de, A: serde::de::MapAccess<'de>>(
    key: String,
    first: serde_json::Value,
    rest: serde::de::value::MapAccessDeserializer<A>,
) -> std::result::Result<Body, A::Error> {
    use serde::de::Error;
    let mut whole = serde_json::Map::<String, serde_json::Value>::deserialize(rest)?;
    whole.insert(key, first);
    Body::deserialize(serde_json::Value::Object(whole)).map_err(A::Error::custom)
}

/// [`Stored`] as written, borrowing the record instead of copying it: the same JSON.
#[derive(Serialize)]
struct StoredRef<'a> {
    doc: usize,
    section: &'a ingest::Section,
    line: usize,
    line_end: usize,
    quote: &'a str,
    body: &'a Body,
}

/// `reading`: the reading thread's clone of the build's tokenizer, which hands over the texts
/// of the analysed fields ([`JapaneseTokenizer::index_value`]); `None` hands them over as they
/// are.
fn to_document(
    record: &Record,
    doc_id: usize,
    f: &Fields,
    mut reading: Option<&mut JapaneseTokenizer>,
) -> Result<TantivyDocument> {
    let mut analysed = |doc: &mut TantivyDocument, field: Field, text: &str| match reading.as_deref_mut() {
        Some(tokenizer) => doc.add_text(field, tokenizer.index_value(text)),
        None => doc.add_text(field, text),
    };
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, record.body.kind());
    doc.add_text(f.municipality, record.source.municipality.as_deref().unwrap_or(""));
    doc.add_text(f.section_number, record.section.number.as_deref().unwrap_or(""));
    // Every record names its file: an update deletes a document's records by this term.
    doc.add_text(f.file, &record.source.file);
    // Name and body are analysed by tantivy's indexing threads (the registered `ja_lindera`).
    // Handing them over pre-tokenized instead cost 15 % more instructions in all: tantivy 0.27
    // stores a pre-tokenized value as JSON in the document and parses it back to index it.
    let name = record.body.name();
    // A passage has no name. An empty value adds no term and no length to the field, so it is
    // left out rather than run through both analyses for nothing.
    if !name.is_empty() {
        analysed(&mut doc, f.name, &name);
        doc.add_text(f.name_bigram, ascii_lower(&name));
    }
    let body = record.body.detail_text();
    analysed(&mut doc, f.body, &body);
    // A passage (most of the text) is found by its own morphemes. Structured records also get:
    // the exact file and section `records_in` lists them by; bigrams, so a compound meets its
    // parts; and their section's words, since their own words may not say where they stand
    // (the 施策中項目 of 「危機管理体制の強化」).
    let passage = matches!(record.body, Body::Passage(_));
    if !passage {
        let label = record.section.label();
        doc.add_text(f.section_label, &label);
        doc.add_text(f.body_bigram, ascii_lower(&body));
        let sub = record.section.path.last().filter(|p| **p != record.section.title);
        // Analysed by tantivy's threads like name and body: the records of a section follow one
        // another, and the tokenizer remembers the last texts it analysed, so a section's words
        // are analysed about once per section (handed over pre-tokenized, tantivy 0.27 would
        // write them into the document as JSON and parse them back: 15 % of the build's
        // analysis).
        analysed(&mut doc, f.section, &format!("{label} {}", sub.map_or("", |s| s.as_str())));
    }
    // A passage's quote is its own text: stored once, restored by `hydrate`.
    let quote = if passage { "" } else { record.quote.as_str() };
    let stored = StoredRef {
        doc: doc_id,
        section: &record.section,
        line: record.line,
        line_end: record.line_end,
        quote,
        body: &record.body,
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
        let top = searcher.search_with_statistics_provider(
            query,
            &TopDocs::with_limit(limit.max(1)).order_by_score(),
            &self.statistics.of(&searcher),
        )?;
        top.into_iter().map(|(score, address)| Ok((score, self.record_at(&searcher, address)?))).collect()
    }

    /// The best `limit` records for a query among the first `budget` records of the index (in
    /// segment and document order), for a search that only needs a few examples: its cost stays
    /// bounded however large the corpus grows (issue 12). With fewer records than `budget` it is
    /// [`PlanIndex::search`].
    pub fn search_some(&self, query: &dyn Query, limit: usize, budget: u32) -> Result<Vec<(f32, Record)>> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.search_some_unguarded(query, limit, budget)))
            .unwrap_or_else(|_| bail!("索引の読み取り中に内部エラーが起きました（planbot index で作り直してください）"))
    }

    fn search_some_unguarded(&self, query: &dyn Query, limit: usize, budget: u32) -> Result<Vec<(f32, Record)>> {
        use tantivy::DocSet;
        let searcher = self.reader.searcher();
        if searcher.segment_readers().iter().map(|s| u64::from(s.max_doc())).sum::<u64>() <= u64::from(budget) {
            return self.search_unguarded(query, limit);
        }
        let statistics = self.statistics.of(&searcher);
        let weight =
            query.weight(tantivy::query::EnableScoring::enabled_from_statistics_provider(&statistics, &searcher))?;
        let mut hits: Vec<(f32, tantivy::DocAddress)> = Vec::new();
        let mut left = budget;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            if left == 0 {
                break;
            }
            let end = segment.max_doc().min(left);
            left -= end;
            let alive = segment.alive_bitset();
            let mut scorer = weight.scorer(segment, 1.0)?;
            let mut doc = scorer.doc();
            while doc < end {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    hits.push((scorer.score(), tantivy::DocAddress::new(ord as u32, doc)));
                }
                doc = scorer.advance();
            }
        }
        // Best first; equal scores in index order, as tantivy's top docs keep them. The order is
        // total (addresses differ), so picking the best `limit` first and sorting only those
        // gives what sorting every hit gave: thousands of hits for a common word, a few kept.
        let order =
            |a: &(f32, tantivy::DocAddress), b: &(f32, tantivy::DocAddress)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let limit = limit.max(1);
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_by(order);
        hits.into_iter().map(|(score, address)| Ok((score, self.record_at(&searcher, address)?))).collect()
    }

    fn record_at(&self, searcher: &tantivy::Searcher, address: tantivy::DocAddress) -> Result<Record> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let json = doc.get_first(self.fields.record).and_then(|v| v.as_str()).unwrap_or("{}");
        let stored: Stored = serde_json::from_str(json).context("索引の記録を読めません")?;
        self.hydrate(stored)
    }

    /// The documents this index was built from.
    pub fn documents(&self) -> Result<Vec<Source>> {
        Ok(self.documents.iter().flatten().cloned().collect())
    }

    /// Every record of the index, in no particular order (for comparing indexes in tests and
    /// tools; it reads the whole store).
    pub fn all_records(&self) -> Result<Vec<Record>> {
        let searcher = self.reader.searcher();
        let mut records = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1)?;
            let alive = segment.alive_bitset();
            for doc in (0..segment.max_doc()).filter(|d| alive.is_none_or(|a| a.is_alive(*d))) {
                let stored: TantivyDocument = store.get(doc)?;
                let json = stored.get_first(self.fields.record).and_then(|v| v.as_str()).unwrap_or("{}");
                records.push(self.hydrate(serde_json::from_str(json).context("索引の記録を読めません")?)?);
            }
        }
        Ok(records)
    }

    fn hydrate(&self, stored: Stored) -> Result<Record> {
        let source =
            self.documents.get(stored.doc).and_then(Option::as_ref).context("索引の文書番号が壊れています")?.clone();
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
        // Document order. Records of one line (「A／B／C」) come back in the order of the
        // segments a build happened to lay out, so within a line they go by where their name
        // stands in it.
        records.sort_by_cached_key(|r| {
            let name = r.body.name();
            (r.line, r.quote.find(name.as_str()).unwrap_or(usize::MAX), r.line_end, name)
        });
        Ok(records)
    }

    /// How many records of one kind the index holds: counted in the kind's postings, nothing
    /// read from the store.
    pub fn count_kind(&self, kind: &str) -> Result<usize> {
        let term = tantivy::Term::from_field_text(self.fields.kind, kind);
        let query = tantivy::query::TermQuery::new(term, IndexRecordOption::Basic);
        Ok(self.reader.searcher().search(&query, &tantivy::collector::Count)?)
    }

    /// At most `limit` indicator records whose name holds `text` (folded: NFKC, Latin letters
    /// lower-cased, no spaces): every two-letter sequence of it in the name's bigrams, or for a
    /// single letter that letter as a word of the name. A lookup in the index, so that no list
    /// of every indicator is kept for autocompletion (issue 12); the caller checks the names.
    pub fn indicators_named(&self, text: &str, limit: usize) -> Result<Vec<Record>> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        let term = |field, text: &str| -> (Occur, Box<dyn Query>) {
            let t = tantivy::Term::from_field_text(field, text);
            (Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)))
        };
        let chars: Vec<char> = text.chars().collect();
        let mut clauses = vec![term(self.fields.kind, "indicator")];
        match chars.len() {
            0 => return Ok(Vec::new()),
            1 => clauses.push(term(self.fields.name, text)),
            _ => {
                let mut grams: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
                grams.sort();
                grams.dedup();
                clauses.extend(grams.iter().map(|g| term(self.fields.name_bigram, g)));
            }
        }
        Ok(self.search(&BooleanQuery::new(clauses), limit)?.into_iter().map(|(_, r)| r).collect())
    }

    /// In how many records a word occurs (name or body), for weighing question terms.
    /// How many records hold the two letters `bigram` in their name or text: whether a
    /// compound occurs anywhere in the plans (a question's typo is matched to the plans' word
    /// only when the plans use the corrected compound and not the typed one).
    pub fn bigram_freq(&self, bigram: &str) -> u64 {
        let searcher = self.reader.searcher();
        let statistics = self.statistics.of(&searcher);
        let text = ascii_lower(bigram);
        [self.fields.name_bigram, self.fields.body_bigram]
            .iter()
            .map(|f| statistics.doc_freq(&tantivy::Term::from_field_text(*f, &text)).unwrap_or(0))
            .max()
            .unwrap_or(0)
    }

    /// Every pair of adjacent letters of the records' names and texts (each once): the words
    /// of two letters the plans use, whether or not lindera splits them there.
    pub fn bigrams(&self) -> Vec<String> {
        let searcher = self.reader.searcher();
        let mut out = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            for field in [self.fields.name_bigram, self.fields.body_bigram] {
                let Ok(inverted) = segment.inverted_index(field) else { continue };
                let Ok(mut terms) = inverted.terms().stream() else { continue };
                while terms.advance() {
                    if let Ok(word) = std::str::from_utf8(terms.key()) {
                        out.insert(word.to_string());
                    }
                }
            }
        }
        out.into_iter().collect()
    }

    pub fn doc_freq(&self, word: &str) -> u64 {
        let searcher = self.reader.searcher();
        let statistics = self.statistics.of(&searcher);
        let count = || {
            [self.fields.name, self.fields.body]
                .iter()
                .map(|f| statistics.doc_freq(&tantivy::Term::from_field_text(*f, word)).unwrap_or(0))
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

    /// The files of the current generation whose names end with `suffix`.
    fn index_files(paths: &Paths, suffix: &str) -> Vec<PathBuf> {
        let current = fs::read_to_string(paths.index.join(generation::CURRENT)).unwrap();
        fs::read_dir(paths.index.join(current.trim()))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(suffix))
            .map(|e| e.path())
            .collect()
    }

    #[test]
    fn an_update_from_a_damaged_generation_does_not_carry_the_damage_over() {
        let (_dir, paths) = small_index();
        // A second document keeps the first segment alive when the first one changes.
        fs::write(paths.data.join("other.txt"), "図書館の開館時間を延長します。\n").unwrap();
        let (index, _) = open(&paths).unwrap();
        drop(index);
        // The segment files an update links as they are (the unchanged document's segment is
        // among them: each document may have its own), damaged after they were written.
        for store in index_files(&paths, ".store") {
            let mut bytes = fs::read(&store).unwrap();
            bytes[0] ^= 0x80;
            fs::write(&store, bytes).unwrap();
        }
        fs::write(paths.data.join("plan.txt"), "防災倉庫の点検を毎月行います。\n備蓄食料は7万食を目指します。\n")
            .unwrap();
        let (index, update) = update(&paths, Options { threads: 2, full: false }).unwrap();
        assert!(update.full.as_deref().is_some_and(|why| why.contains(".store")), "{update:?}");
        let text: Vec<String> = index.all_records().unwrap().into_iter().map(|r| r.quote).collect();
        assert!(text.iter().any(|q| q.contains("7万食")), "{text:?}");
        drop(index);
        // What was written opens, every file checked, in another open.
        let (index, opened) = open(&paths).unwrap();
        assert_eq!(opened, Opened::Existing);
        assert!(index.num_records() > 0);
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

    /// Every field's terms with their document frequencies, and every analysed field's token
    /// count, of a one-segment index of `records`.
    fn terms_of(
        records: &[Record],
        reading: Option<&mut JapaneseTokenizer>,
        tokenizer: &JapaneseTokenizer,
    ) -> Vec<String> {
        let (schema, f) = schema();
        let index = tantivy::Index::create_in_ram(schema.clone());
        register(&index, tokenizer);
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 50_000_000).unwrap();
        let mut reading = reading;
        for (i, record) in records.iter().enumerate() {
            writer.add_document(to_document(record, i, &f, reading.as_deref_mut()).unwrap()).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        let segment = &searcher.segment_readers()[0];
        let mut out = Vec::new();
        for (field, entry) in schema.fields() {
            let inverted = segment.inverted_index(field).unwrap();
            out.push(format!("{} tokens {}", entry.name(), inverted.total_num_tokens()));
            let mut terms = inverted.terms().stream().unwrap();
            while terms.advance() {
                out.push(format!("{} {:?} {}", entry.name(), terms.key(), terms.value().doc_freq));
            }
        }
        out
    }

    #[test]
    fn records_analysed_by_the_reading_thread_make_the_same_index() {
        let records = ingest::ingest_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap().records;
        let tokenizer = load_tokenizer().unwrap();
        let plain = tokenizer.for_build();
        let handed_as_they_are = terms_of(&records, None, &plain);
        // Every text analysed by a reading clone of the build's tokenizer.
        let build = tokenizer.for_build();
        build.lag_always();
        let analysed = terms_of(&records, Some(&mut build.clone()), &build);
        assert!(handed_as_they_are.len() > 5_000, "{}", handed_as_they_are.len());
        assert_eq!(handed_as_they_are, analysed);
    }

    #[test]
    fn a_record_is_stored_as_the_json_it_is_read_back_from() {
        // The bundled plans: every kind of record, with sections, departments and values.
        let records = ingest::ingest_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap().records;
        let kinds: std::collections::HashSet<&str> = records.iter().map(|r| r.body.kind()).collect();
        assert!(kinds.len() >= 4, "{kinds:?}");
        let (_, f) = schema();
        for (i, record) in records.iter().enumerate() {
            let doc = to_document(record, i, &f, None).unwrap();
            let json = doc.get_first(f.record).and_then(|v| v.as_str()).unwrap().to_string();
            let passage = matches!(record.body, Body::Passage(_));
            let owned = Stored {
                doc: i,
                section: record.section.clone(),
                line: record.line,
                line_end: record.line_end,
                quote: if passage { String::new() } else { record.quote.clone() },
                body: record.body.clone(),
            };
            assert_eq!(json, serde_json::to_string(&owned).unwrap());
            let back: Stored = serde_json::from_str(&json).unwrap();
            assert_eq!(
                (back.doc, back.line, &back.body, &back.section),
                (i, record.line, &record.body, &record.section)
            );
        }
    }

    #[test]
    fn a_stored_body_reads_the_same_whatever_the_order_of_its_entries() {
        let written = r#"{"kind":"measure","category":"実施計画","number":"14","name":"公営企業会計システムの機能向上","content":null,"department_role":"実行課","departments":["水道課"],"area":"業務改善","start":"R5"}"#;
        let derived: Body = serde_json::from_str(written).unwrap();
        let stored = |body: &str| -> Body {
            let json = format!(
                r#"{{"doc":0,"section":{{"number":null,"title":"","path":[]}},"line":1,"line_end":1,"quote":"","body":{body}}}"#
            );
            serde_json::from_str::<Stored>(&json).unwrap().body
        };
        assert_eq!(stored(written), derived);
        // The tag last, and a kind unknown to the quick path: both read the derived way.
        let tag_last = r#"{"category":"実施計画","number":"14","name":"公営企業会計システムの機能向上","content":null,"department_role":"実行課","departments":["水道課"],"area":"業務改善","start":"R5","kind":"measure"}"#;
        assert_eq!(stored(tag_last), derived);
        let json = |body: &str| {
            format!(
                r#"{{"doc":0,"section":{{"number":null,"title":"","path":[]}},"line":1,"line_end":1,"quote":"","body":{body}}}"#
            )
        };
        assert!(serde_json::from_str::<Stored>(&json(r#"{"kind":"nothing","text":"x"}"#)).is_err());
        assert!(serde_json::from_str::<Stored>(&json(r#"{"text":"x"}"#)).is_err());
        assert!(serde_json::from_str::<Stored>(&json(r#"{}"#)).is_err());
        assert!(matches!(stored(r#"{"kind":"passage","text":"防災"}"#), Body::Passage(p) if p.text == "防災"));
    }

    #[test]
    fn a_search_with_a_budget_keeps_the_best_hits_in_order_however_many_it_finds() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths { data: dir.path().join("data"), index: dir.path().join("index") };
        fs::create_dir_all(&paths.data).unwrap();
        // Paragraphs that say 防災 once to four times: scores that differ, and ties among them.
        let text: String = (0..24)
            .map(|i| format!("{}の点検を第{i}地区で行います。\n\n", "防災倉庫と防災".repeat(i % 4 + 1)))
            .collect();
        fs::write(paths.data.join("plan.txt"), text).unwrap();
        let (index, _) = open(&paths).unwrap();
        let word = index.tokenizer.morphemes("防災").remove(0).text;
        let term = tantivy::Term::from_field_text(index.fields.body, &word);
        let query = tantivy::query::TermQuery::new(term, IndexRecordOption::WithFreqs);
        let found = |limit, budget| -> Vec<(u32, usize)> {
            let hits = index.search_some(&query, limit, budget).unwrap();
            hits.into_iter().map(|(score, r)| (score.to_bits(), r.line)).collect()
        };
        let budget = index.num_records() as u32 - 1;
        let every = found(1000, budget);
        assert!(every.len() >= 20, "{every:?}");
        assert!(every.windows(2).any(|w| w[0].0 == w[1].0), "ties expected: {every:?}");
        for limit in 1..every.len() {
            assert_eq!(found(limit, budget), every[..limit], "limit {limit}");
        }
    }

    #[test]
    fn a_search_with_a_budget_looks_at_the_first_records_only() {
        let (_dir, paths) = small_index();
        let (index, _) = open(&paths).unwrap();
        let term = tantivy::Term::from_field_text(index.fields.kind, "passage");
        let query = tantivy::query::TermQuery::new(term, IndexRecordOption::Basic);
        let lines = |found: Vec<(f32, Record)>| found.into_iter().map(|(_, r)| r.line).collect::<Vec<_>>();
        let all = lines(index.search(&query, 10).unwrap());
        assert!(all.len() >= 2, "{all:?}");
        assert_eq!(lines(index.search_some(&query, 10, 1000).unwrap()), all);
        assert_eq!(lines(index.search_some(&query, 10, 1).unwrap()).len(), 1);

        assert_eq!(index.count_kind("passage").unwrap(), all.len());
    }
}
