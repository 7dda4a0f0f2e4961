//! The scale benchmark: the bundled plans replicated N times as distinct documents (each copy
//! its own municipality), indexed and asked, with lindera's own tokenization speed measured on
//! the same text in the same run so the two can be compared as a ratio, and one changed
//! document's update timed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::answer::{synonyms::Synonyms, Engine};
use crate::eval::{percentile, Item};
use crate::index::{self, dictionary, tokenizer::JapaneseTokenizer, Paths};
use crate::ingest::{self, Catalog};

/// Everything the benchmark measured.
#[derive(Debug)]
pub struct ScaleReport {
    pub copies: usize,
    pub documents: usize,
    pub input_bytes: u64,
    pub records: u64,
    pub threads: usize,
    /// Lindera alone on one thread, and on `threads` threads.
    pub tokenize_one: Duration,
    pub tokenize: Duration,
    pub build: Duration,
    /// CPU time of this process (all threads) during the build: divided by `build`, how many
    /// cores the build kept busy. A loaded machine lowers it; it cannot exceed `threads` by
    /// more than tantivy's postings work (issue 12).
    pub build_cpu: Option<Duration>,
    /// One document changed: update, then open by a new reader.
    pub update_one: Duration,
    pub index_bytes: u64,
    /// Every ask of every round, first round first.
    pub asks: Vec<Duration>,
    /// How many questions one round asks.
    pub round: usize,
    /// The questions of one round, in the order asked.
    pub questions: Vec<String>,
    pub cold_starts: Vec<Duration>,
    pub peak_rss_kib: Option<u64>,
    /// The peak of anonymous memory (heap, stacks), sampled every 10 ms: the RSS above also
    /// counts pages of the index files tantivy maps, which the kernel can drop at any time.
    pub peak_anon_kib: Option<u64>,
}

/// How often the question set is asked: one scheduler hiccup should not be the p99.
const ROUNDS: usize = 3;

/// The municipality name of copy `k`: 本庄市 → 本庄7市, so questions can name one copy.
pub fn copy_name(municipality: &str, k: usize) -> String {
    match municipality.char_indices().last() {
        Some((at, suffix @ ('市' | '町' | '村'))) => format!("{}{k}{suffix}", &municipality[..at]),
        _ => format!("{municipality}{k}"),
    }
}

/// Writes `copies` copies of the documents of `source` into `work/data`, with a catalog that
/// gives every copy its own municipality.
pub fn replicate(source: &Path, work: &Path, copies: usize) -> Result<PathBuf> {
    let data = work.join("data");
    if data.exists() {
        std::fs::remove_dir_all(&data)?;
    }
    let catalog = Catalog::load(source)?;
    let mut toml = String::new();
    for file in ingest::document_files(source) {
        let bytes = std::fs::read(&file.path)?;
        let entry = catalog.get(&file.relative).cloned().unwrap_or_default();
        let municipality = entry.municipality.clone().unwrap_or_else(|| "不明市".to_string());
        for k in 0..copies {
            let relative = format!("copy{k:04}/{}", file.relative);
            let path = data.join(&relative);
            std::fs::create_dir_all(path.parent().unwrap())?;
            std::fs::write(&path, &bytes)?;
            let name = copy_name(&municipality, k);
            let title = entry.title.clone().unwrap_or_default().replace(&municipality, &name);
            toml.push_str(&format!(
                "[[document]]\nfile = {:?}\nmunicipality = {:?}\ntitle = {:?}\n{}\n",
                relative,
                name,
                title,
                entry.edition.as_ref().map(|e| format!("edition = {e:?}")).unwrap_or_default()
            ));
        }
    }
    std::fs::write(data.join("catalog.toml"), toml)?;
    Ok(data)
}

/// Lindera alone over every line of every document on `threads` threads (documents shared out
/// among them): the speed indexing cannot beat. Documents are read one at a time, so memory
/// does not grow with the corpus.
pub fn tokenize_only(tokenizer: &JapaneseTokenizer, data: &Path, threads: usize) -> Result<(Duration, u64)> {
    use rayon::prelude::*;
    let files = ingest::document_files(data);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build()?;
    let started = Instant::now();
    let counted: Result<Vec<(u64, usize)>> = pool.install(|| {
        files
            .par_iter()
            .map_init(
                || tokenizer.clone(),
                |tokenizer, f| {
                    let text = std::fs::read_to_string(&f.path).with_context(|| f.relative.clone())?;
                    Ok((text.len() as u64, text.lines().map(|line| tokenizer.segment_count(line)).sum()))
                },
            )
            .collect()
    });
    let elapsed = started.elapsed();
    let counted = counted?;
    std::hint::black_box(counted.iter().map(|c| c.1).sum::<usize>());
    Ok((elapsed, counted.iter().map(|c| c.0).sum()))
}

/// Changes one document (a sentence added at its end) and times the update until a new reader
/// has opened the index.
fn update_one(paths: &Paths, threads: usize) -> Result<Duration> {
    let file = ingest::document_files(&paths.data).into_iter().next().context("文書がありません")?;
    let mut text = std::fs::read_to_string(&file.path)?;
    text.push_str("\n更新の確認のため、この一文を加えました。\n");
    std::fs::write(&file.path, text)?;
    let started = Instant::now();
    let (_, update) = index::update(paths, index::Options { threads, full: false })?;
    let (reader, _) = index::open(paths)?;
    let elapsed = started.elapsed();
    anyhow::ensure!(update.changed == 1 && update.full.is_none(), "一文書の更新が一文書の更新になりません: {update:?}");
    drop(reader);
    Ok(elapsed)
}

/// The dev questions, each asked of one named copy of the municipality it is about.
pub fn questions_for_copies(items: &[Item], municipalities: &[String], copies: usize) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let k = (i * 7919) % copies.max(1);
            let mut q = item.question.clone();
            let mut named = false;
            for m in municipalities {
                if q.contains(m.as_str()) {
                    q = q.replace(m.as_str(), &copy_name(m, k));
                    named = true;
                }
            }
            if !named {
                if let Some(m) = &item.municipality {
                    q = format!("{}の{q}", copy_name(m, k));
                }
            }
            q
        })
        .collect()
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// User and system CPU time of this process so far, all threads (Linux `/proc/self/stat`, in
/// the kernel's clock ticks of 1/100 s, which is what `USER_HZ` is on Linux).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it start past its `)`.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split_whitespace().skip(11);
    let (user, system): (u64, u64) = (fields.next()?.parse().ok()?, fields.next()?.parse().ok()?);
    Some(Duration::from_millis((user + system) * 10))
}

/// Peak resident set of this process (Linux `VmHWM`), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    status_kib("VmHWM:")
}

/// A figure of `/proc/self/status`, in KiB.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Prints this process's anonymous and file-backed resident memory after a phase, to standard
/// error beside the phases the bench announces: which phase holds the peak (issue 12).
fn phase(label: &str) {
    let mb = |key| status_kib(key).map_or("?".to_string(), |k| format!("{:.0}", k as f64 / 1024.0));
    eprintln!("  {label}: anon {} MB, file {} MB, peak {} MB", mb("RssAnon:"), mb("RssFile:"), mb("VmHWM:"));
}

/// Samples `RssAnon` until dropped, keeping the highest value.
struct AnonPeak {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    sampler: std::thread::JoinHandle<Option<u64>>,
}

impl AnonPeak {
    fn start() -> AnonPeak {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let sampler = std::thread::spawn(move || {
            let mut peak = None;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(status_kib("RssAnon:"));
                std::thread::sleep(Duration::from_millis(10));
            }
            peak
        });
        AnonPeak { stop, sampler }
    }

    fn finish(self) -> Option<u64> {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.sampler.join().ok().flatten()
    }
}

/// Runs the whole benchmark. `binary` is the planbot executable used for cold starts.
pub fn scale(
    source: &Path,
    work: &Path,
    copies: usize,
    threads: usize,
    items: &[Item],
    binary: &Path,
) -> Result<ScaleReport> {
    let municipalities: Vec<String> = {
        let catalog = Catalog::load(source)?;
        let mut m: Vec<String> = ingest::document_files(source)
            .iter()
            .filter_map(|f| catalog.get(&f.relative).and_then(|e| e.municipality.clone()))
            .collect();
        m.sort();
        m.dedup();
        m
    };
    eprintln!("{copies} 部の複製を作成中…");
    let data = replicate(source, work, copies)?;
    let paths = Paths { data: data.clone(), index: work.join("index") };
    let tokenizer = JapaneseTokenizer::load(&dictionary::cache_root())?;
    eprintln!("lindera だけで形態素解析中…");
    let (tokenize_one, input_bytes) = tokenize_only(&tokenizer, &data, 1)?;
    let (tokenize, _) = if threads > 1 { tokenize_only(&tokenizer, &data, threads)? } else { (tokenize_one, 0) };
    eprintln!("索引を作成中…");
    let anon = AnonPeak::start();
    let (started, cpu_before) = (Instant::now(), cpu_time());
    let (built, _) = index::update(&paths, index::Options { threads, full: true })?;
    let build = started.elapsed();
    let build_cpu = cpu_time().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
    let records = built.num_records();
    let documents = built.documents()?.len();
    phase("built");
    drop(built);
    phase("build dropped");
    let index_bytes = dir_size(&paths.index);
    let (index, _) = index::open(&paths)?;
    phase("opened");
    let engine = Engine::new(index, Synonyms::load(source)?)?;
    phase("engine");
    let questions = questions_for_copies(items, &municipalities, copies);
    for q in questions.iter().take(5) {
        engine.ask(q); // warm the page cache and the allocator
    }
    let asks: Vec<Duration> = (0..ROUNDS)
        .flat_map(|_| questions.iter())
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(engine.ask(q));
            t.elapsed()
        })
        .collect();
    phase("asked");
    drop(engine);
    eprintln!("一文書を変えて索引を更新中…");
    let update_one = update_one(&paths, threads)?;
    phase("updated");
    let peak_rss_kib = peak_rss_kib();
    let peak_anon_kib = anon.finish();
    let mut cold_starts = Vec::new();
    for q in questions.iter().take(5) {
        let t = Instant::now();
        let out = std::process::Command::new(binary)
            .arg("--data")
            .arg(&paths.data)
            .arg("--index")
            .arg(&paths.index)
            .args(["ask", "--json", q])
            .output()
            .context("planbot を起動できません")?;
        cold_starts.push(t.elapsed());
        if out.status.code() == Some(3) {
            anyhow::bail!("cold start failed: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
    Ok(ScaleReport {
        copies,
        documents,
        input_bytes,
        records,
        threads,
        tokenize_one,
        tokenize,
        build,
        build_cpu,
        update_one,
        index_bytes,
        round: questions.len(),
        questions,
        asks,
        cold_starts,
        peak_rss_kib,
        peak_anon_kib,
    })
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Questions shown as the slowest.
const SLOWEST: usize = 3;

impl ScaleReport {
    fn rate(&self, d: Duration) -> f64 {
        mb(self.input_bytes) / d.as_secs_f64().max(1e-9)
    }

    /// The slowest questions by the median of their asks over the rounds, slowest first: what
    /// the p99 is made of, to profile (a median, so one ask slowed by the machine does not count).
    pub fn slowest(&self) -> Vec<(&str, Duration)> {
        let mut each: Vec<(&str, Duration)> = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let times: Vec<Duration> = self.asks.iter().skip(i).step_by(self.round.max(1)).copied().collect();
                (q.as_str(), percentile(&times, 50.0))
            })
            .collect();
        each.sort_by_key(|e| std::cmp::Reverse(e.1));
        each.truncate(SLOWEST);
        each
    }

    /// The figures of issue 12 as one JSON object.
    pub fn json(&self) -> serde_json::Value {
        let round = |x: f64, places: i32| (x * 10f64.powi(places)).round() / 10f64.powi(places);
        let build_rate = self.rate(self.build);
        serde_json::json!({
            "copies": self.copies,
            "documents": self.documents,
            "records": self.records,
            "input_mb": round(mb(self.input_bytes), 2),
            "threads": self.threads,
            "tokenize_mb_s": round(self.rate(self.tokenize), 3),
            "tokenize_one_thread_mb_s": round(self.rate(self.tokenize_one), 3),
            "build_s": round(self.build.as_secs_f64(), 3),
            "build_mb_s": round(build_rate, 3),
            "build_cpu_s": self.build_cpu.map(|c| round(c.as_secs_f64(), 2)),
            "build_cores": self.build_cpu.map(|c| round(c.as_secs_f64() / self.build.as_secs_f64(), 2)),
            "build_ratio": round(build_rate / self.rate(self.tokenize), 3),
            "build_ratio_one_thread": round(build_rate / self.rate(self.tokenize_one), 3),
            "update_one_s": round(self.update_one.as_secs_f64(), 4),
            "ask_p50_ms": round(ms(percentile(&self.asks, 50.0)), 3),
            "ask_p99_ms": round(ms(percentile(&self.asks, 99.0)), 3),
            "asks": self.asks.len(),
            "cold_start_ms": round(ms(percentile(&self.cold_starts, 50.0)), 1),
            "cold_start_max_ms": round(ms(percentile(&self.cold_starts, 100.0)), 1),
            "peak_rss_mb": self.peak_rss_kib.map(|k| round(k as f64 / 1024.0, 1)),
            "peak_anon_mb": self.peak_anon_kib.map(|k| round(k as f64 / 1024.0, 1)),
            "index_mb": round(mb(self.index_bytes), 2),
            "index_ratio": round(self.index_bytes as f64 / self.input_bytes as f64, 3),
            "slowest_asks": self
                .slowest()
                .iter()
                .map(|(q, d)| serde_json::json!({ "question": q, "median_ms": round(ms(*d), 3) }))
                .collect::<Vec<_>>(),
        })
    }

    pub fn render(&self) -> String {
        let build_rate = self.rate(self.build);
        let tok_rate = self.rate(self.tokenize);
        let tok_one = self.rate(self.tokenize_one);
        [
            format!("copies                {} ({} documents, {} records)", self.copies, self.documents, self.records),
            format!("input                 {:.1} MB", mb(self.input_bytes)),
            format!(
                "tokenize only         {:.2} s = {:.2} MB/s (lindera, {} threads); 1 thread {:.2} MB/s",
                self.tokenize.as_secs_f64(),
                tok_rate,
                self.threads,
                tok_one
            ),
            format!(
                "index build           {:.2} s = {:.2} MB/s (ingest + index, {} threads)",
                self.build.as_secs_f64(),
                build_rate,
                self.threads
            ),
            format!(
                "build / tokenize      {:.2} on {} threads (goal >= 0.6 at scale 3000); {:.2} against 1 thread (goal >= 0.50)",
                build_rate / tok_rate,
                self.threads,
                build_rate / tok_one
            ),
            format!("update one document   {:.3} s (re-index + open by a new reader; goal < 1 s)", self.update_one.as_secs_f64()),
            format!(
                "index size            {:.1} MB = {:.2} x input",
                mb(self.index_bytes),
                self.index_bytes as f64 / self.input_bytes as f64
            ),
            format!(
                "ask latency           p50 {:.2} ms, p99 {:.2} ms over {} asks ({} rounds; goal p99 <= 2 ms)",
                ms(percentile(&self.asks, 50.0)),
                ms(percentile(&self.asks, 99.0)),
                self.asks.len(),
                self.asks.len() / self.round.max(1)
            ),
            format!(
                "ask, first round     p50 {:.2} ms, p99 {:.2} ms (each question's first asking)",
                ms(percentile(&self.asks[..self.round.min(self.asks.len())], 50.0)),
                ms(percentile(&self.asks[..self.round.min(self.asks.len())], 99.0)),
            ),
            format!(
                "cold start            median {:.0} ms, max {:.0} ms over {} runs (goal < 300 ms)",
                ms(percentile(&self.cold_starts, 50.0)),
                ms(percentile(&self.cold_starts, 100.0)),
                self.cold_starts.len()
            ),
            format!(
                "peak RSS              {} (this process: build + asks + update; goal < 250 MB at 200, <= 300 MB at 3000); of it anonymous at most {}",
                self.peak_rss_kib.map_or("unknown".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
                self.peak_anon_kib.map_or("unknown".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0))
            ),
        ]
        .into_iter()
        .chain(self.slowest().iter().map(|(q, d)| format!("slowest ask (median)  {:.2} ms  {q}", ms(*d))))
        .collect::<Vec<_>>()
        .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn cpu_time_counts_the_work_of_every_thread() {
        let before = cpu_time().expect("/proc/self/stat");
        let spin = || {
            let started = Instant::now();
            let mut x = 0u64;
            while started.elapsed() < Duration::from_millis(300) {
                x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
            }
        };
        std::thread::scope(|s| {
            s.spawn(spin);
            spin();
        });
        // Two threads spun for 0.3 s each; however loaded the machine, each got some CPU, and
        // the clock ticks are 10 ms.
        let spent = cpu_time().unwrap().saturating_sub(before);
        assert!(spent >= Duration::from_millis(20), "{spent:?}");
        assert!(spent <= Duration::from_secs(5), "{spent:?}");
    }

    #[test]
    fn copies_get_their_own_municipality() {
        assert_eq!(copy_name("本庄市", 7), "本庄7市");
        assert_eq!(copy_name("川辺町", 12), "川辺12町");
        assert_eq!(copy_name("Springfield", 3), "Springfield3");
    }

    #[test]
    fn replicated_catalog_is_valid_and_complete() {
        let work = tempfile::tempdir().unwrap();
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let data = replicate(&source, work.path(), 3).unwrap();
        assert_eq!(ingest::document_files(&data).len(), 3 * ingest::document_files(&source).len());
        let catalog = Catalog::load(&data).unwrap();
        let entry = catalog.get("copy0002/plans/003_bd705e7a88c4c15c.txt").unwrap();
        assert_eq!(entry.municipality.as_deref(), Some("小諸2市"));
        assert!(entry.title.as_deref().unwrap().starts_with("小諸2市"));
    }

    #[test]
    fn questions_name_one_copy() {
        let item: Item = serde_json::from_str(
            r#"{"id":"x","question":"証明書コンビニ交付サービスの交付数の目標は？","kind":"target","municipality":"本庄市"}"#,
        )
        .unwrap();
        let q = questions_for_copies(&[item], &["本庄市".to_string()], 10);
        assert_eq!(q[0], "本庄0市の証明書コンビニ交付サービスの交付数の目標は？");
    }
}
