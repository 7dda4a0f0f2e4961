//! Writing generations: the scan of the data folder (a content hash per document), the full
//! build on all cores, and the incremental update that re-reads only what changed.
//!
//! **Why an update writes a new generation (copy-on-write).** Readers in other processes (the
//! bot, the web server, `planbot ask`) hold a generation open while they answer, and must see
//! the whole old state or the whole new one. tantivy never changes a segment file once written
//! (a delete is a new `.del` file, a merge a new segment), so an update hard-links every file of
//! the current generation into a new folder, deletes the changed documents' records by their
//! `file` term, adds the new records, commits there, and publishes the folder with the same
//! one-rename swap as a full build. The old generation is untouched: a reader keeps answering
//! from it until it reopens, and it stays on disk while its `IN_USE` lock is held. Everything
//! [`super::generation`] gives holds unchanged: the writer `LOCK`, verification at open against
//! the manifest, read-only folders for readers. Updating tantivy's index in place instead would
//! be cheaper by one `link` per file, but a reader of another process would reload a mix, and a
//! crash mid-commit would leave the only generation half-written.
//!
//! What decides what is re-read:
//! - **analysis** (this code, [`super::FORMAT`], `vocabulary.toml`): any change rebuilds all;
//! - per document: the SHA-256 of its bytes and of its catalog entry; a change re-reads that
//!   document only. Bytes are hashed again only when the file's size, times or inode differ from
//!   the manifest's, or when it was modified within two seconds of the last scan (a write in the
//!   same timestamp tick could otherwise go unseen, as in git's "racy" index).

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::tokenizer::JapaneseTokenizer;
use super::{
    generation, register, schema, sha256_hex, to_document, FileCheck, Manifest, Paths, MANIFEST, MANIFEST_SUM,
};
use crate::ingest::{self, Catalog, DocumentFile, Source};

/// How a build runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Threads for reading documents and for tantivy's writer (each gets this many).
    pub threads: usize,
    /// Re-read every document even when an update would do (`planbot index --full`).
    pub full: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { threads: std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8), full: false }
    }
}

/// What a build or update did, document by document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Why every document was read again, when it was: no index yet, analysis changed, damage,
    /// or asked for.
    pub full: Option<String>,
    /// Whether a new generation was written (false: the index was already current).
    pub wrote: bool,
}

/// A document's stat, for the quick check that spares hashing an unchanged file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stat {
    size: u64,
    mtime: i64,
    mtime_ns: i64,
    ctime: i64,
    ctime_ns: i64,
    ino: u64,
}

impl Stat {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> Option<Stat> {
        use std::os::unix::fs::MetadataExt;
        Some(Stat {
            size: meta.len(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
            ctime: meta.ctime(),
            ctime_ns: meta.ctime_nsec(),
            ino: meta.ino(),
        })
    }

    /// Elsewhere every scan hashes every document.
    #[cfg(not(unix))]
    fn of(_meta: &fs::Metadata) -> Option<Stat> {
        None
    }
}

/// One document as a generation holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct DocEntry {
    /// Relative to the data folder.
    pub file: String,
    pub sha256: String,
    /// Hash of its catalog entry (municipality, title, edition, period).
    pub catalog: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stat: Option<Stat>,
    /// Its number in the manifest's `documents`, when it yielded records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<usize>,
    pub records: usize,
}

/// The data folder as it is now.
pub(super) struct Scan {
    /// Of everything an index is built from.
    pub hash: String,
    /// Of what decides how a document becomes records, whatever the document.
    pub analysis: String,
    pub catalog: Arc<Catalog>,
    /// Readable documents, sorted by path.
    pub files: Vec<Scanned>,
    /// Documents that will be skipped, and entries that are not documents.
    pub warnings: Vec<String>,
    /// When the scan began (seconds since 1970), for the quick check of the next one.
    pub started: i64,
}

pub(super) struct Scanned {
    pub file: DocumentFile,
    pub sha256: String,
    pub catalog: String,
    pub stat: Option<Stat>,
}

fn now_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Scans `data_dir`; `previous` (the current generation's manifest) lets unchanged files skip
/// hashing.
pub(super) fn scan(data_dir: &Path, previous: Option<&Manifest>) -> Result<Scan> {
    if !data_dir.is_dir() {
        anyhow::bail!("データのフォルダ {} がありません (--data で指定できます)", data_dir.display());
    }
    let started = now_seconds();
    let mut analysis = Sha256::new();
    analysis.update(super::FORMAT.to_le_bytes());
    analysis.update(env!("CARGO_PKG_VERSION"));
    // The ingest and index code itself (hashed by build.rs): new parsing rebuilds old indexes.
    analysis.update(env!("PLANBOT_INDEX_CODE"));
    // The reader's vocabulary decides what records a document yields.
    if let Ok(bytes) = fs::read(data_dir.join("vocabulary.toml")) {
        analysis.update(b"vocabulary\0");
        analysis.update(&bytes);
    }
    let analysis = short_hex(&analysis.finalize());
    let mut hasher = Sha256::new();
    hasher.update(analysis.as_bytes());
    if let Ok(bytes) = fs::read(data_dir.join("catalog.toml")) {
        hasher.update(b"catalog\0");
        hasher.update(&bytes);
    }
    let catalog = Arc::new(Catalog::load(data_dir)?);
    let discovered = ingest::discover(data_dir)?;
    let mut warnings: Vec<String> = discovered.skipped.iter().map(|p| p.warning()).collect();
    let known: HashMap<&str, &DocEntry> = match previous {
        Some(m) => m.entries.iter().map(|e| (e.file.as_str(), e)).collect(),
        None => HashMap::new(),
    };
    // A file written in the last two seconds before the previous scan may have changed again
    // within the same timestamp: hash it.
    let settled_before = previous.map_or(i64::MIN, |m| m.scanned_at - 2);
    let mut files = Vec::with_capacity(discovered.files.len());
    for file in discovered.files {
        hasher.update(file.relative.as_bytes());
        hasher.update([0]);
        let stat = fs::metadata(&file.path).ok().filter(|m| m.is_file()).and_then(|m| Stat::of(&m));
        let reused = known
            .get(file.relative.as_str())
            .filter(|e| stat.is_some() && e.stat == stat && stat.is_some_and(|s| s.mtime < settled_before))
            .map(|e| e.sha256.clone());
        let sha256 = match reused {
            Some(sha) => sha,
            None => match ingest::read_document(&file.path) {
                Ok(bytes) => sha256_hex(&bytes),
                // Skipped by the build too; once readable, the hash changes and the index follows.
                Err(e) => {
                    hasher.update(b"unreadable\0");
                    warnings.push(e.warning());
                    continue;
                }
            },
        };
        hasher.update(sha256.as_bytes());
        let catalog = catalog_key(&catalog, &file.relative);
        files.push(Scanned { file, sha256, catalog, stat });
    }
    Ok(Scan { hash: short_hex(&hasher.finalize()), analysis, catalog, files, warnings, started })
}

fn short_hex(digest: &[u8]) -> String {
    super::hex(&digest[..12])
}

/// What of the catalog a document's records depend on: its own entry. Hashed field by field:
/// formatting the entry first cost a fifth of a cold start at 15,000 documents.
fn catalog_key(catalog: &Catalog, relative: &str) -> String {
    let mut hasher = Sha256::new();
    match catalog.get(relative) {
        None => hasher.update(b"-"),
        Some(e) => {
            for field in [&e.municipality, &e.title, &e.edition, &e.period] {
                match field {
                    Some(value) => {
                        hasher.update((value.len() as u64 + 1).to_le_bytes());
                        hasher.update(value.as_bytes());
                    }
                    None => hasher.update(0u64.to_le_bytes()),
                }
            }
        }
    }
    short_hex(&hasher.finalize())
}

/// The current generation an update starts from.
pub(super) struct Base<'a> {
    pub dir: &'a Path,
    pub manifest: &'a Manifest,
}

/// Writes a new generation for `scan` and points `CURRENT` at it: from `base`, re-reading only
/// the documents that changed, or from nothing. Call only while holding the
/// [`generation::WriterLock`]. Returns what it did and warnings for the user.
pub(super) fn write_generation(
    paths: &Paths,
    scan: &Scan,
    base: Option<Base<'_>>,
    tokenizer: &JapaneseTokenizer,
    threads: usize,
    keep: super::Keep,
) -> Result<(Update, Vec<String>, String)> {
    ingest::roles::use_data_dir(&paths.data).map_err(anyhow::Error::msg)?;
    let mut problems: Vec<String> = scan.catalog.problems(&paths.data).iter().map(|p| p.warning()).collect();
    problems.extend(scan.warnings.iter().cloned());
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = format!("gen-{}-{}-{nanos:09}", scan.hash, std::process::id());
    let dir = paths.index.join(&name);
    let in_folder = |e: &dyn std::fmt::Display| anyhow::anyhow!("索引のフォルダ {} に書けません: {e}", dir.display());
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| in_folder(&e))?;
    }
    fs::create_dir_all(&dir).map_err(|e| in_folder(&e))?;
    fs::write(dir.join(generation::IN_USE), "").map_err(|e| in_folder(&e))?;
    let (schema, f) = schema();
    let index = match &base {
        Some(base) => {
            link_files(base.dir, &dir).map_err(|e| in_folder(&format!("{e:#}")))?;
            tantivy::Index::open_in_dir(&dir).map_err(|e| in_folder(&e))?
        }
        None => tantivy::Index::create_in_dir(&dir, schema).map_err(|e| in_folder(&e))?,
    };
    // The build's own clone: its reading threads and its indexing threads share a pace.
    let tokenizer = tokenizer.for_build();
    register(&index, &tokenizer);
    let threads = threads.max(1);
    let plan = Plan::new(scan, base.as_ref().map(|b| b.manifest));
    let writer = Writer::for_documents(plan.added.len() + plan.changed.len(), threads, base.is_some());
    let mut writer = writer.open(&index).map_err(|e| in_folder(&e))?;
    let mut documents = base.as_ref().map_or_else(Vec::new, |b| b.manifest.documents.clone());
    let mut records = base.as_ref().map_or(0, |b| b.manifest.records);
    for old in plan.changed.iter().map(|(_, old)| *old).chain(plan.removed.iter().copied()) {
        if let Some(slot) = old.slot {
            if let Some(source) = documents.get_mut(slot).and_then(Option::take) {
                writer.delete_term(tantivy::Term::from_field_text(f.file, &source.file));
            }
        }
        records -= old.records.min(records);
    }
    let mut entries: Vec<DocEntry> = plan.unchanged.clone();
    // Every document to read gets its number now (its old one when it had one), so that the
    // reading threads can write it into the stored records in whatever order they finish. A
    // document that yields no record leaves its number unused, as a removed one does.
    let mut next = documents.len();
    let to_read: Vec<(&Scanned, usize)> = plan
        .added
        .iter()
        .map(|s| (*s, None))
        .chain(plan.changed.iter().map(|(s, old)| (*s, old.slot)))
        .map(|(s, old)| match old.filter(|&slot| slot < documents.len()) {
            Some(slot) => (s, slot),
            None => {
                next += 1;
                (s, next - 1)
            }
        })
        .collect();
    documents.resize(next, None);
    let bar = ProgressBar::new(to_read.len() as u64).with_style(
        ProgressStyle::with_template("索引を作成中 {bar:30} {pos}/{len} 文書")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let reading =
        Reading { catalog: &scan.catalog, data: &paths.data, fields: &f, tokenizer: &tokenizer, bar: &bar, keep };
    let read = reading.index_all(&writer, &to_read, threads).map_err(|e| in_folder(&e))?;
    for ((scanned, slot), outcome) in to_read.iter().zip(read) {
        let mut entry = DocEntry {
            file: scanned.file.relative.clone(),
            sha256: scanned.sha256.clone(),
            catalog: scanned.catalog.clone(),
            stat: scanned.stat,
            slot: None,
            records: 0,
        };
        match outcome {
            // Not entered: the next update tries it again.
            Err(Failed::Reading(e)) => {
                problems.push(e.warning());
                continue;
            }
            Err(Failed::Indexing(e)) => return Err(in_folder(&format!("{e:#}"))),
            Ok(None) => {}
            Ok(Some((source, count))) => {
                documents[*slot] = Some(source);
                entry.slot = Some(*slot);
                entry.records = count;
                records += count;
            }
        }
        entries.push(entry);
    }
    writer.commit().map_err(|e| in_folder(&e))?;
    writer.wait_merging_threads().map_err(|e| in_folder(&e))?;
    drop(index);
    bar.finish_and_clear();
    entries.sort_by(|a, b| a.file.cmp(&b.file));
    let update = Update {
        added: plan.added.len(),
        changed: plan.changed.len(),
        removed: plan.removed.len(),
        unchanged: plan.unchanged.len(),
        full: None,
        wrote: true,
    };
    let manifest = Manifest {
        content_hash: scan.hash.clone(),
        analysis: scan.analysis.clone(),
        scanned_at: scan.started,
        records,
        documents,
        entries,
        files: file_checks(&dir)?,
    };
    let bytes = serde_json::to_vec(&manifest)?;
    fs::write(dir.join(MANIFEST), &bytes).map_err(|e| in_folder(&e))?;
    fs::write(dir.join(MANIFEST_SUM), sha256_hex(&bytes)).map_err(|e| in_folder(&e))?;
    generation::publish(&paths.index, &name)?;
    release_freed_heap();
    Ok((update, problems, name))
}

/// Gives the heap that the build freed (tantivy's indexing arenas, the queued documents, the
/// merges' tables: ~100 MB at N = 1000) back to the system. glibc keeps freed memory in its
/// arenas for the next allocation, so a process that goes on to answer questions (the bench,
/// a server that updates its index) would otherwise hold the build's peak for as long as it
/// runs.
pub(super) fn release_freed_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of glibc's own arenas to the system; it
    // touches no memory that is in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Caps glibc's heap arenas at the number of cores (at least two), for the whole process: call
/// it first thing, before any thread starts. glibc lets threads use up to eight arenas per core,
/// and a build's threads come and go (reading pools, tantivy's indexing and merge threads), each
/// leaving freed heap in the arena it used, which `malloc_trim` only partly returns. Measured,
/// not explained further: at N = 1000 the cap (`MALLOC_ARENA_MAX=2`) lowered the bench's peak
/// of anonymous memory from 118 to 100 MB and its peak RSS from 264 to 246 MB (BENCHMARKS.md,
/// "Peak memory at N = 3000").
pub fn bound_heap_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
        // SAFETY: mallopt only sets a tuning parameter of glibc's allocator; it is called before
        // any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, i32::try_from(cores).unwrap_or(i32::MAX));
        }
    }
}

/// Which documents are new, changed, gone or as they were.
struct Plan<'a> {
    added: Vec<&'a Scanned>,
    changed: Vec<(&'a Scanned, &'a DocEntry)>,
    removed: Vec<&'a DocEntry>,
    /// Carried over, with the stat of this scan.
    unchanged: Vec<DocEntry>,
}

impl<'a> Plan<'a> {
    fn new(scan: &'a Scan, base: Option<&'a Manifest>) -> Plan<'a> {
        let mut old: HashMap<&str, &DocEntry> = match base {
            Some(m) => m.entries.iter().map(|e| (e.file.as_str(), e)).collect(),
            None => HashMap::new(),
        };
        let mut plan = Plan { added: Vec::new(), changed: Vec::new(), removed: Vec::new(), unchanged: Vec::new() };
        for scanned in &scan.files {
            match old.remove(scanned.file.relative.as_str()) {
                None => plan.added.push(scanned),
                Some(e) if e.sha256 == scanned.sha256 && e.catalog == scanned.catalog => {
                    plan.unchanged.push(DocEntry { stat: scanned.stat, ..e.clone() })
                }
                Some(e) => plan.changed.push((scanned, e)),
            }
        }
        plan.removed = old.into_values().collect();
        plan.removed.sort_by(|a, b| a.file.cmp(&b.file));
        plan
    }
}

/// How big tantivy's writer is for one build or update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Writer {
    threads: usize,
    /// Bytes of indexing memory, shared among the threads.
    heap: usize,
    /// How segments are merged.
    merges: Merges,
}

/// Which segments a writer merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merges {
    /// A full build: [`BoundedMerges`] of at most this many records, one merge at a time.
    Bounded(usize),
    /// An update: tantivy's log policy over segments of fewer records than this.
    SmallOnly(usize),
}

impl Writer {
    /// A full build gets 24 MB per thread, and 48 MB in all however few its threads: tantivy's
    /// indexing arenas are most of what a build holds on the heap, and both threads flush
    /// theirs at about the same time, on top of what writing a segment allocates; a smaller
    /// arena only means smaller segments, which the merges then join (BENCHMARKS.md, "Memory
    /// flat in the corpus"). One thread with 24 MB cut N = 200 into three segments, which were
    /// then merged into one after the last was written, with nothing else left to run
    /// (BENCHMARKS.md, "The indexing thread"); with 48 MB it writes one, nothing is merged, and
    /// the build holds no more heap than two threads do. An update of a few
    /// documents gets one thread per
    /// document and tantivy's least budget (15 MB per thread), and merges only small segments:
    /// its cost then follows what changed, not the size of the index (issue 12), and the
    /// segments that updates add are still merged among themselves as they pile up.
    fn for_documents(documents: usize, threads: usize, update: bool) -> Writer {
        const FEW: usize = 64;
        if !update || documents > FEW {
            return Writer { threads, heap: FULL_HEAP * threads.max(2), merges: Merges::Bounded(MERGED_RECORDS) };
        }
        let threads = threads.min(documents.max(1));
        Writer { threads, heap: 15_000_000 * threads, merges: Merges::SmallOnly(50_000) }
    }

    fn open(self, index: &tantivy::Index) -> tantivy::Result<tantivy::IndexWriter> {
        let merge_threads = match self.merges {
            // Every merge reads its segments whole through the memory map, and every page it
            // touches counts in the process's resident memory until the merge lets go: one
            // merge at a time bounds that to one merge's segments.
            Merges::Bounded(_) => 1,
            Merges::SmallOnly(_) => 4,
        };
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .memory_budget_per_thread(self.heap / self.threads.max(1))
            .num_worker_threads(self.threads.max(1))
            .num_merge_threads(merge_threads)
            .build();
        let writer = index.writer_with_options(options)?;
        match self.merges {
            Merges::Bounded(records) => writer.set_merge_policy(Box::new(BoundedMerges { records })),
            Merges::SmallOnly(limit) => {
                let mut policy = tantivy::merge_policy::LogMergePolicy::default();
                policy.set_max_docs_before_merge(limit);
                writer.set_merge_policy(Box::new(policy));
            }
        }
        Ok(writer)
    }
}

/// Bytes of indexing memory per thread of a full build.
const FULL_HEAP: usize = 24_000_000;

/// Records in a segment that a full build's merges produce at most. A writing thread flushes a
/// segment of about 100,000 records at its 24 MB (~24 MB on disk): this merges them by threes,
/// so that a merge maps ~75 MB of segments, while N = 3000 (2.86 M records) ends with about ten
/// segments, not tantivy's four (one merge of eight segments mapped 320 MB at once) nor the
/// thirty that no merging would leave (nineteen at 40 MB made asks 2.8 × slower).
/// BENCHMARKS.md, "Memory flat in the corpus".
const MERGED_RECORDS: usize = 360_000;

/// Segments a merge joins at least. Two segments cost an ask little, and a merge of two maps
/// both whole: at N = 200 (two segments of ~95,000 records) merging them made the build take
/// ~1.7 CPU-s and 40 MB of resident pages more for no gain in ask time.
const MIN_MERGE: usize = 3;

/// A merge policy that never makes a segment of more than `records` records: the smallest
/// segments are packed together, smallest first, as long as their records fit, so every merge
/// reads a bounded part of the index, however large the corpus. Segments that cannot go
/// [`MIN_MERGE`] together are left as they are.
#[derive(Debug, Clone)]
struct BoundedMerges {
    records: usize,
}

impl tantivy::merge_policy::MergePolicy for BoundedMerges {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::index::SegmentMeta],
    ) -> Vec<tantivy::merge_policy::MergeCandidate> {
        let mut sizes: Vec<(usize, tantivy::index::SegmentId)> =
            segments.iter().map(|s| (s.num_docs() as usize, s.id())).collect();
        sizes.sort_by_key(|&(records, _)| records);
        let mut candidates = Vec::new();
        let (mut group, mut total) = (Vec::new(), 0);
        for (records, id) in sizes {
            if total + records > self.records {
                if group.len() >= MIN_MERGE {
                    candidates.push(tantivy::merge_policy::MergeCandidate(std::mem::take(&mut group)));
                }
                // A segment too big to take another starts a group that nothing joins.
                group.clear();
                total = 0;
            }
            group.push(id);
            total += records;
        }
        if group.len() >= MIN_MERGE && total <= self.records {
            candidates.push(tantivy::merge_policy::MergeCandidate(group));
        }
        candidates
    }
}

/// Why a document did not reach the index.
enum Failed {
    /// It could not be read: a warning, and the next update tries again.
    Reading(ingest::IngestError),
    /// tantivy refused its records: the build fails.
    Indexing(anyhow::Error),
}

/// One document's outcome: its source and record count (`None`: it yielded no record).
type Indexed = Result<Option<(Source, usize)>, Failed>;

/// What the reading threads share.
struct Reading<'a> {
    catalog: &'a Catalog,
    data: &'a Path,
    fields: &'a super::Fields,
    /// The build's tokenizer, cloned for each reading thread.
    tokenizer: &'a JapaneseTokenizer,
    bar: &'a ProgressBar,
    keep: super::Keep,
}

impl Reading<'_> {
    /// Reads and hands to tantivy every document of `to_read` on `threads` threads, each
    /// document whole on one thread, in whatever order they finish: reading and the stored JSON
    /// run here in parallel, lindera and the postings on tantivy's own indexing threads (issue
    /// 12: the build used to read on the caller's one thread while the others waited). Only the
    /// documents being read are in memory. Returns, in the order of `to_read`, each document's
    /// source and record count (`None`: it yielded no record).
    fn index_all(
        &self,
        writer: &tantivy::IndexWriter,
        to_read: &[(&Scanned, usize)],
        threads: usize,
    ) -> Result<Vec<Indexed>> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
        Ok(pool.install(|| {
            to_read
                .par_iter()
                .map_init(
                    || self.tokenizer.clone(),
                    |tokenizer, (scanned, slot)| {
                        let indexed = self.index_one(writer, tokenizer, scanned, *slot);
                        self.bar.inc(1);
                        indexed
                    },
                )
                .collect()
        }))
    }

    fn index_one(
        &self,
        writer: &tantivy::IndexWriter,
        tokenizer: &mut JapaneseTokenizer,
        scanned: &Scanned,
        slot: usize,
    ) -> Indexed {
        let mut found = ingest::ingest_file(&scanned.file, self.catalog, self.data).map_err(Failed::Reading)?;
        if self.keep == super::Keep::Passages {
            found = super::passages_only(found);
        }
        let Some(first) = found.first() else { return Ok(None) };
        // One message per record: tantivy queues at most 10,000 messages, which bounds what waits
        // there when its indexing threads fall behind the reading threads. Messages of 32
        // records let that queue hold the whole corpus (724 MB of heap at N = 3000).
        for record in &found {
            let doc = to_document(record, slot, self.fields, Some(tokenizer)).map_err(Failed::Indexing)?;
            writer.add_document(doc).map_err(|e| Failed::Indexing(e.into()))?;
        }
        Ok(Some((first.source.clone(), found.len())))
    }
}

/// Hard-links every tantivy file of `from` into `to` (copies tantivy's small JSON files, which
/// it replaces by rename anyway, and anything the file system will not link).
fn link_files(from: &Path, to: &Path) -> Result<()> {
    for entry in fs::read_dir(from).with_context(|| format!("{} を読めません", from.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == generation::IN_USE || name == MANIFEST || name == MANIFEST_SUM || name.ends_with(".lock") {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        if name.ends_with(".json") || fs::hard_link(&source, &target).is_err() {
            fs::copy(&source, &target).with_context(|| format!("{} を写せません", source.display()))?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_update_gets_a_small_writer_that_merges_only_small_segments() {
        let full = Writer::for_documents(15_000, 2, false);
        assert_eq!(full, Writer { threads: 2, heap: 48_000_000, merges: Merges::Bounded(MERGED_RECORDS) });
        // An update of many documents is a build in all but name.
        assert_eq!(Writer::for_documents(1_000, 2, true), full);
        let one = Writer::for_documents(1, 4, true);
        assert_eq!(one, Writer { threads: 1, heap: 15_000_000, merges: Merges::SmallOnly(50_000) });
        // One thread gets the heap of two: the same segments, no merge of three small ones.
        assert_eq!(Writer::for_documents(15_000, 1, false).heap, 48_000_000);
        // Removals only: nothing to read, one thread still opens the writer.
        assert_eq!(Writer::for_documents(0, 2, true).threads, 1);
    }

    /// The merges `BoundedMerges` asks for, as the record counts of each group.
    fn merges_of(records: usize, segments: &[u32]) -> Vec<Vec<u32>> {
        use tantivy::merge_policy::MergePolicy;
        let index = tantivy::Index::create_in_ram(schema().0);
        let metas: Vec<_> =
            segments.iter().map(|&n| index.new_segment_meta(tantivy::index::SegmentId::generate_random(), n)).collect();
        let size = |id: &tantivy::index::SegmentId| metas.iter().find(|m| m.id() == *id).map_or(0, |m| m.max_doc());
        BoundedMerges { records }
            .compute_merge_candidates(&metas)
            .into_iter()
            .map(|c| c.0.iter().map(size).collect())
            .collect()
    }

    #[test]
    fn bounded_merges_never_make_a_segment_above_the_bound() {
        // Whole segments of the writing threads merge by threes with the partial last ones; two
        // that fit only with each other are left as they are.
        assert_eq!(
            merges_of(360_000, &[165_000, 165_000, 165_000, 40_000, 90_000]),
            vec![vec![40_000, 90_000, 165_000]]
        );
        // One or two segments (a small corpus), or segments that cannot go three together, are
        // left as they are.
        assert!(merges_of(360_000, &[165_000]).is_empty());
        assert!(merges_of(360_000, &[95_000, 95_000]).is_empty());
        assert!(merges_of(360_000, &[130_000, 200_000, 500_000]).is_empty());
        // However many segments, every merge joins three or more, stays under the bound, and
        // leaves no three segments that would fit together.
        let many: Vec<u32> = (0..40).map(|i| 20_000 + (i * 7_919) % 170_000).collect();
        let groups = merges_of(360_000, &many);
        assert!(groups.iter().all(|g| g.len() >= MIN_MERGE && g.iter().map(|&n| n as usize).sum::<usize>() <= 360_000));
        let mut left = many.clone();
        for n in groups.iter().flatten() {
            left.remove(left.iter().position(|m| m == n).expect("a merged segment is one of them"));
        }
        left.sort_unstable();
        assert!(left.len() < 3 || left[..3].iter().sum::<u32>() > 360_000, "three that fit are left: {left:?}");
        assert!(groups.len() >= 6, "{groups:?}");
    }
}
