//! Criterion benches of each stage on the bundled plans: normalization + parsing, lindera
//! alone, index build (all MB/s of document text), and `ask` latency per intent.
//! The scale benchmark (`planbot bench --scale 200`) measures the same at 34 MB.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use planbot::answer::{synonyms::Synonyms, Engine};
use planbot::index::{self, dictionary, tokenizer::JapaneseTokenizer, Paths};
use planbot::ingest::{self, Source};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn documents() -> Vec<String> {
    ingest::document_files(&data_dir()).iter().map(|f| std::fs::read_to_string(&f.path).unwrap()).collect()
}

fn bytes(docs: &[String]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

fn normalize_and_parse(c: &mut Criterion) {
    let docs = documents();
    let source =
        Source { file: "bench.txt".into(), municipality: None, title: "bench".into(), edition: None, period: None };
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes(&docs)));
    group.bench_function("normalize+parse", |b| {
        b.iter(|| docs.iter().map(|d| ingest::parse(d, &source).len()).sum::<usize>())
    });
    group.finish();
}

fn tokenize(c: &mut Criterion) {
    let docs = documents();
    let tokenizer = JapaneseTokenizer::new(dictionary::load(&dictionary::cache_root()).unwrap());
    let mut group = c.benchmark_group("lindera");
    group.throughput(Throughput::Bytes(bytes(&docs)));
    group.bench_function("segment only", |b| {
        b.iter(|| docs.iter().flat_map(|d| d.lines()).map(|l| tokenizer.segment_count(l)).sum::<usize>())
    });
    group.bench_function("planbot morphemes", |b| {
        b.iter(|| docs.iter().flat_map(|d| d.lines()).map(|l| tokenizer.morphemes(l).len()).sum::<usize>())
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let docs = documents();
    let work = tempfile::tempdir().unwrap();
    let paths = Paths { data: data_dir(), index: work.path().join("index") };
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes(&docs)));
    group.bench_function("build", |b| b.iter(|| index::rebuild(&paths).unwrap().num_records()));
    group.finish();
}

fn ask(c: &mut Criterion) {
    let work = tempfile::tempdir().unwrap();
    let paths = Paths { data: data_dir(), index: work.path().join("index") };
    let (index, _) = index::open(&paths).unwrap();
    let engine = Engine::new(index, Synonyms::load(&paths.data).unwrap()).unwrap();
    let questions = [
        ("target", "マイナンバーカード交付率の目標は？"),
        ("current", "本庄市のオンラインによる各種手続数の現状値は？"),
        ("both", "審議会等における女性委員の割合の現状値と目標値は？"),
        ("department", "コンビニ交付の普及推進の実行課はどこ？"),
        ("period", "本庄市行政改革大綱実施計画の計画期間は？"),
        ("measures", "本庄市の危機管理体制の強化ではどんな取組を行いますか？"),
        ("count", "実施計画の業務改善・効率化改革分野の計画数は？"),
        ("satisfaction", "市民サービスの向上に係る市民満足度は？"),
        ("compare", "実質公債費比率の目標を前期と後期で比べて"),
        ("none", "本庄市の燃えるごみの収集日はいつですか？"),
    ];
    let mut group = c.benchmark_group("ask");
    for (intent, q) in questions {
        group.bench_with_input(BenchmarkId::from_parameter(intent), q, |b, q| b.iter(|| engine.ask(q).found));
    }
    group.finish();
}

criterion_group!(benches, normalize_and_parse, tokenize, build, ask);
criterion_main!(benches);
