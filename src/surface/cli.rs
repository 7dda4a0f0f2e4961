//! The `planbot` command line: options become a plain [`Config`], then one function per mode.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::answer::{synonyms::Synonyms, Answer, Engine, MAX_QUESTION_CHARS};
use crate::eval;
use crate::index::{self, Opened, Paths};
use crate::ingest::{Body, Record};

/// Exit codes, documented in `--help` and the README.
pub const EXIT_FOUND: u8 = 0;
pub const EXIT_NOT_FOUND: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;
pub const EXIT_ERROR: u8 = 3;

#[derive(Parser)]
#[command(
    name = "planbot",
    version,
    about = "自治体の計画（総合計画・基本計画・行政改革大綱・実施計画）に質問して、根拠の行つきで答えます。",
    after_help = "終了コード: 0 = 答えがあった / 1 = 計画に答えがなかった / 2 = 入力の誤り / 3 = その他のエラー\n\
                  初回は IPAdic 辞書のコンパイルと索引の作成に数秒かかります。"
)]
struct Cli {
    /// 計画文書と catalog.toml のあるフォルダ
    #[arg(long, global = true, env = "PLANBOT_DATA", default_value = "data")]
    data: PathBuf,
    /// 索引を置くフォルダ（なければ作ります）
    #[arg(long, global = true, env = "PLANBOT_INDEX", default_value = "index")]
    index: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 質問に答えます（例: planbot ask "マイナンバーカード交付率の目標は？"）
    Ask {
        /// 答えを JSON（DESIGN.md の回答形式）で出力します
        #[arg(long)]
        json: bool,
        /// 質問（空白を含んでもかまいません）。"-" なら標準入力から読みます
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
    },
    /// 取り込んだ指標（成果指標・参考指標など）をすべて出力します（オープンデータ用）
    Indicators {
        /// 出力形式: csv は Excel で開ける UTF-8（BOM 付き）
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// この自治体の指標だけ
        #[arg(long)]
        municipality: Option<String>,
    },
    /// 計画から「よくある質問」（FAQ）を作ります: 指標の目標・取組・担当課・計画期間
    Faq {
        /// 出力形式: md（Markdown）, json, csv（Excel 用 UTF-8 BOM 付き）, html（1 枚のページ）
        #[arg(long, value_enum, default_value_t = FaqFormat::Md)]
        format: FaqFormat,
        /// この自治体の FAQ だけ
        #[arg(long)]
        municipality: Option<String>,
        /// 書き出すファイル（既定: 標準出力）
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 指標のグラフ（現状値 → 目標値、年度ごとの目標）を SVG か PNG で書き出します
    Chart {
        /// 指標の名前（一部でも可）か FAQ の id（例: "マイナンバーカードの交付率"）
        indicator: String,
        /// 書き出すファイル: 拡張子 .svg か .png
        #[arg(long)]
        out: PathBuf,
        /// この自治体の指標から探します
        #[arg(long)]
        municipality: Option<String>,
    },
    /// 取り込んだすべての記録（指標・取組・担当課・満足度・計画・数・本文）を JSON Lines で出力します
    Records {
        /// この種類だけ: indicator, measure, responsibility, satisfaction, plan, count, passage
        #[arg(long)]
        kind: Option<String>,
    },
    /// data/ に合わせて索引を更新します（増えた・変わった・消えた文書だけを読み直します）
    Index {
        /// すべての文書を読み直して作り直します
        #[arg(long)]
        full: bool,
        /// 使うスレッドの数（既定: CPU のコア数、最大 8）
        #[arg(long)]
        threads: Option<usize>,
    },
    /// 計画文書を planbot がどう読んだかを表示します: 種類ごとの記録の数、見つけた章・節、
    /// 記録にならなかった数値の行（理由つき）
    Check {
        /// 調べる文書（既定: data/ のすべての文書）
        files: Vec<PathBuf>,
        /// 記録にも理由にも当たらない数値の行が残っていれば終了コード 1 で終わります
        #[arg(long)]
        strict: bool,
    },
    /// 規模の性能測定: data/ の計画を N 部複製して索引を作り、速度・容量・メモリを表示します
    Bench {
        /// 複製の数（N = 200 で約 34 MB）
        #[arg(long, default_value_t = 20)]
        scale: usize,
        /// 質問に使う評価データ
        #[arg(long, default_value = "../shared/eval/dev.jsonl")]
        eval: PathBuf,
        /// 作業フォルダ（既定: 一時フォルダ、終了時に削除）
        #[arg(long)]
        work: Option<PathBuf>,
        /// 索引作成と lindera 単独の測定に使うスレッドの数（既定: CPU のコア数）
        #[arg(long)]
        threads: Option<usize>,
        /// 結果を JSON のオブジェクト一つで出力します
        #[arg(long)]
        json: bool,
    },
    /// 評価データ（JSON Lines）の質問に答えて、正答率を種類ごとに表示します
    Eval {
        /// 評価データ（例: ../shared/eval/dev.jsonl）
        file: PathBuf,
        /// 回答を score.py が読める JSON Lines で書き出します
        #[arg(long)]
        out: Option<PathBuf>,
        /// sources に書かれた元文書のフォルダ（既定: 評価データの隣の ../plans、なければ data/plans）
        #[arg(long)]
        seeds: Option<PathBuf>,
        /// 間違えた質問を一覧します
        #[arg(long)]
        verbose: bool,
        /// 診断用: 表・ラベル・文から何も読み取れなかったとして、本文の段落（passage）だけの
        /// 索引を一時フォルダに作って答えます。読み取りが知らない様式の文書でも、段落からの
        /// 回答が正確か（見つけた答えが間違っていないか）を測るためのものです
        #[arg(long)]
        passages_only: bool,
    },
    /// Discord のボットを起動します（トークンは環境変数 DISCORD_TOKEN か --token-file。README の「Discord」を参照）
    Discord {
        /// トークンを書いたファイル（DISCORD_TOKEN より優先）
        #[arg(long)]
        token_file: Option<PathBuf>,
        /// このサーバー（ギルド）ID にだけコマンドを登録します（すぐ使えるので試すとき向け）
        #[arg(long)]
        guild: Option<u64>,
        /// 質問と評価を記録する SQLite ファイル（既定: data フォルダの隣の planbot.sqlite3）
        #[arg(long, env = "PLANBOT_STORE")]
        store: Option<PathBuf>,
        /// Discord API の代わりに使う URL（テスト用の偽 Discord 向け）
        #[arg(long, env = "PLANBOT_DISCORD_API", hide = true)]
        discord_api: Option<String>,
    },
    /// 職員向けレポート: よく聞かれた質問、答えがなかった質問、👎 がついた回答
    Report {
        /// この日（YYYY-MM-DD）以降の質問だけ
        #[arg(long)]
        since: Option<String>,
        /// 出力形式
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// 記録の SQLite ファイル（既定: data フォルダの隣の planbot.sqlite3）
        #[arg(long, env = "PLANBOT_STORE")]
        store: Option<PathBuf>,
    },
    /// Web のチャット画面と HTTP API を起動します（既定は 127.0.0.1:8080、自分の PC からだけ）
    Serve {
        /// 待ち受けるアドレス。外から使わせるときだけ 0.0.0.0:8080 などを指定します
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// 質問と 👍/👎 を記録する SQLite ファイル（既定: data フォルダの隣の planbot.sqlite3）
        #[arg(long, env = "PLANBOT_STORE")]
        store: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum FaqFormat {
    Md,
    Json,
    Csv,
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ReportFormat {
    Md,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Table,
    Csv,
    Json,
}

/// What the core needs to know; nothing below this module sees clap.
pub struct Config {
    pub paths: Paths,
}

pub fn main() -> ExitCode {
    crate::index::build::bound_heap_arenas();
    quiet_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_BAD_INPUT } else { EXIT_FOUND });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`planbot eval … | head`): nothing is wrong, stop quietly.
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_FOUND),
        Err(e) => {
            eprintln!("planbot: エラー: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}

fn run(cli: Cli) -> Result<u8> {
    let config = Config { paths: Paths { data: cli.data, index: cli.index } };
    // The data folder's reading vocabulary (vocabulary.toml), or the bundled one.
    if let Err(e) = crate::ingest::roles::use_data_dir(&config.paths.data) {
        bail!("語彙ファイルを読めません: {e}");
    }
    match cli.command {
        Command::Ask { json, question } => {
            let question = if question == ["-"] { read_stdin()? } else { question.join(" ") };
            ask(&config, &question, json)
        }
        Command::Indicators { format, municipality } => indicators(&config, format, municipality.as_deref()),
        Command::Faq { format, municipality, out } => faq(&config, format, municipality.as_deref(), out),
        Command::Chart { indicator, out, municipality } => chart(&config, &indicator, &out, municipality.as_deref()),
        Command::Records { kind } => records(&config, kind.as_deref()),
        Command::Index { full, threads } => update_index(&config, full, threads),
        Command::Check { files, strict } => check(&config, &files, strict),
        Command::Bench { scale, eval, work, threads, json } => bench(&config, scale, &eval, work, threads, json),
        Command::Eval { file, out, seeds, verbose, passages_only } => {
            run_eval(&config, &file, out, seeds, verbose, passages_only)
        }
        Command::Serve { addr, store } => serve(&config, addr, store),
        Command::Discord { token_file, guild, store, discord_api } => {
            discord(config, token_file, guild, store, discord_api)
        }
        Command::Report { since, format, store } => report(&config, since.as_deref(), format, store),
    }
}

/// Opens (building if needed) the index and the engine, telling the user when it builds.
pub fn engine(config: &Config) -> Result<Engine> {
    let (index, opened) = index::open(&config.paths)?;
    if opened == Opened::Built {
        eprintln!("索引を作成しました（{} 件）: {}", index.num_records(), config.paths.index.display());
    }
    report_problems(&index.problems);
    let synonyms = Synonyms::load(&config.paths.data)?;
    Engine::new(index, synonyms)
}

fn report_problems(problems: &[String]) {
    for p in problems {
        eprintln!("planbot: 警告: {p}");
    }
}

/// The question on standard input, read only as far as it is used: the engine reads the first
/// [`MAX_QUESTION_CHARS`] characters, at most 4 bytes each; one more character tells the
/// caller that the question was longer (`ask - < /dev/zero` must not read forever).
fn read_stdin() -> Result<String> {
    read_bounded(std::io::stdin().lock(), (MAX_QUESTION_CHARS + 1) * 4)
}

fn read_bounded(input: impl std::io::Read, limit: usize) -> Result<String> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut input.take(limit as u64), &mut bytes).context("標準入力を読めません")?;
    // A character cut at the limit is dropped, not turned into U+FFFD.
    if let Err(e) = std::str::from_utf8(&bytes) {
        if e.error_len().is_none() {
            bytes.truncate(e.valid_up_to());
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn ask(config: &Config, question: &str, json: bool) -> Result<u8> {
    let trimmed = question.trim();
    if trimmed.is_empty() || trimmed.chars().all(|c| c.is_control() || c.is_whitespace()) {
        eprintln!("planbot: 質問が空です。例: planbot ask \"マイナンバーカード交付率の目標は？\"");
        return Ok(EXIT_BAD_INPUT);
    }
    if trimmed.chars().count() > MAX_QUESTION_CHARS {
        eprintln!("planbot: 質問が長すぎるため、先頭の {MAX_QUESTION_CHARS} 文字で答えます。");
    }
    let engine = engine(config)?;
    let answer = match engine.answer(trimmed) {
        Ok(answer) => answer,
        // A failed search is not "the plans hold no answer": exit 3, not 1. The detail (paths,
        // tantivy's words) only with PLANBOT_LOG=debug.
        Err(e) => {
            eprintln!("planbot: エラー: {e}。planbot index で索引を作り直してください。");
            if debug_logging() {
                eprintln!("planbot: 詳細: {:#}", e.detail());
            }
            return Ok(EXIT_ERROR);
        }
    };
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", json_inert(&serde_json::to_string(&answer)?))?;
    } else {
        write!(out, "{}", human(&answer))?;
    }
    Ok(if answer.found { EXIT_FOUND } else { EXIT_NOT_FOUND })
}

/// The answer, then numbered citations: title, section, file:line, the quoted line. Every text
/// from a document or a question goes through [`inert`]: this is a terminal.
pub fn human(answer: &Answer) -> String {
    let mut s = format!("{}\n", inert(&answer.answer));
    for (i, c) in answer.citations.iter().enumerate() {
        let lines = if c.line_end > c.line { format!("{}-{}", c.line, c.line_end) } else { c.line.to_string() };
        let (title, section, file, quote) = (inert(&c.title), inert(&c.section), inert(&c.file), inert(&c.quote));
        s.push_str(&format!("  [{}] {title} · {section} · {file}:{lines}\n      {quote}\n", i + 1));
    }
    s
}

/// Document text made harmless for a terminal. Plain text has no markup, so `<script>` or
/// `@everyone` are just characters here; what a terminal does act on are control characters
/// (ESC starts sequences that recolour, retitle or rewrite the screen; CR and backspace
/// overwrite what was printed) and bidirectional controls (which reorder what is shown).
/// Each becomes a visible U+FFFD; tabs become spaces, the line breaks of an answer stay.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    let harmful = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(harmful) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else if harmful(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect::<String>()
        .into()
}

/// JSON for a terminal: serde_json escapes the C0 controls but writes DEL, the C1 controls
/// (U+009B starts a sequence on some terminals) and the bidirectional controls as they are.
/// Written as `\uXXXX` escapes they decode to the same strings and show as nothing harmful;
/// outside strings JSON has none of these characters.
pub fn json_inert(json: &str) -> std::borrow::Cow<'_, str> {
    let harmful = |c: char| {
        c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !json.chars().any(harmful) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if harmful(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Whether the operator asked for details (`PLANBOT_LOG=debug` or `trace`).
fn debug_logging() -> bool {
    std::env::var("PLANBOT_LOG").is_ok_and(|v| v.contains("debug") || v.contains("trace"))
}

/// A panic prints one line without internals: tantivy's panics on a damaged index are caught
/// at the search, but the default hook would still print their message and place. The full
/// report only with `PLANBOT_LOG=debug`. (`planbot discord` installs its own, redacting hook.)
fn quiet_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if debug_logging() {
            default(info);
        } else {
            eprintln!("planbot: 内部エラーが起きました（詳細は PLANBOT_LOG=debug で表示されます）");
        }
    }));
}

/// Every record of the data folder, read afresh; unreadable documents are warned about.
fn ingest_reporting(config: &Config) -> Result<Vec<Record>> {
    let ingested = crate::ingest::ingest_dir(&config.paths.data)?;
    report_problems(&ingested.problems.iter().map(|p| p.warning()).collect::<Vec<_>>());
    Ok(ingested.records)
}

fn records(config: &Config, kind: Option<&str>) -> Result<u8> {
    let ingested = ingest_reporting(config)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for r in ingested.iter().filter(|r| kind.is_none_or(|k| r.body.kind() == k)) {
        serde_json::to_writer(&mut out, r)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(EXIT_FOUND)
}

fn bench(
    config: &Config,
    scale: usize,
    eval_file: &std::path::Path,
    work: Option<PathBuf>,
    threads: Option<usize>,
    json: bool,
) -> Result<u8> {
    if scale == 0 {
        eprintln!("planbot: --scale は 1 以上にしてください。");
        return Ok(EXIT_BAD_INPUT);
    }
    let Some(options) = index_options(false, threads) else { return Ok(EXIT_BAD_INPUT) };
    let items = eval::read_items(eval_file)?;
    let temp = tempfile::tempdir()?;
    let work = work.unwrap_or_else(|| temp.path().to_path_buf());
    let binary = std::env::current_exe()?;
    let report = crate::bench::scale(&config.paths.data, &work, scale, options.threads, &items, &binary)?;
    let text = if json { report.json().to_string() } else { report.render() };
    writeln!(std::io::stdout(), "{text}")?;
    Ok(EXIT_FOUND)
}

/// `planbot serve`: the web surface (src/surface/http) until Ctrl-C or SIGTERM.
fn serve(config: &Config, addr: std::net::SocketAddr, store: Option<PathBuf>) -> Result<u8> {
    use crate::surface::http;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PLANBOT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let store = store.unwrap_or_else(|| crate::store::Store::default_path(&config.paths.data));
    let limits = http::Limits::default();
    let state = std::sync::Arc::new(http::AppState::open(engine(config)?, &config.paths, &store, limits.clone())?);
    let runtime = tokio::runtime::Runtime::new().context("非同期ランタイムを起動できません")?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(addr).await.with_context(|| format!("{addr} で待ち受けられません"))?;
        eprintln!("planbot: http://{} で待ち受けています（Ctrl-C で終了）", listener.local_addr()?);
        // `planbot index` in another process moves index/CURRENT: serve the new generation.
        let reloader = http::reload::spawn(state.clone(), http::reload::CHECK_EVERY);
        let served = http::serve(listener, http::app(state), &limits, http::shutdown_signal()).await;
        reloader.abort();
        served
    })?;
    Ok(EXIT_FOUND)
}

fn update_index(config: &Config, full: bool, threads: Option<usize>) -> Result<u8> {
    let Some(options) = index_options(full, threads) else { return Ok(EXIT_BAD_INPUT) };
    let (index, update) = index::update(&config.paths, options)?;
    report_problems(&index.problems);
    let docs = index.documents()?;
    let mut out = std::io::stdout();
    if let Some(why) = &update.full {
        writeln!(out, "すべての文書を読み直しました（{why}）")?;
    }
    writeln!(
        out,
        "追加 {} ・変更 {} ・削除 {} ・変更なし {} 文書",
        update.added, update.changed, update.removed, update.unchanged
    )?;
    let state = if update.wrote { "索引を更新しました" } else { "索引は最新です" };
    writeln!(out, "{state}: {} 文書, {} 件 → {}", docs.len(), index.num_records(), config.paths.index.display())?;
    Ok(EXIT_FOUND)
}

/// Build options from the flags; `None` (after a message) when they make no sense.
fn index_options(full: bool, threads: Option<usize>) -> Option<index::Options> {
    let mut options = index::Options { full, ..index::Options::default() };
    match threads {
        Some(0) => {
            eprintln!("planbot: --threads は 1 以上にしてください。");
            return None;
        }
        Some(n) => options.threads = n.min(256),
        None => {}
    }
    Some(options)
}

/// One document's text and records, for `check`.
struct Checked {
    file: String,
    text: String,
    records: Vec<Record>,
}

/// The documents `check` looks at: the files named, or every document of the data folder.
fn documents_to_check(config: &Config, files: &[PathBuf]) -> Result<Vec<Checked>> {
    use crate::ingest;
    let mut out = Vec::new();
    if files.is_empty() {
        let catalog = ingest::Catalog::load(&config.paths.data)?;
        for file in ingest::document_files(&config.paths.data) {
            match ingest::ingest_file(&file, &catalog, &config.paths.data) {
                Ok(records) => {
                    let text = std::fs::read_to_string(&file.path).unwrap_or_default();
                    let file = records.first().map_or_else(|| file.relative.clone(), |r| r.source.file.clone());
                    out.push(Checked { file, text, records });
                }
                Err(e) => eprintln!("planbot: {e}"),
            }
        }
        return Ok(out);
    }
    for path in files {
        let text = std::fs::read(path).with_context(|| format!("{} を読めません", path.display()))?;
        let Ok(text) = String::from_utf8(text) else {
            bail!("{} は UTF-8 のテキストではありません", path.display())
        };
        let file = path.to_string_lossy().replace('\\', "/");
        let name = path.file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().to_string());
        let source =
            ingest::Source { file: file.clone(), municipality: None, title: name, edition: None, period: None };
        let records = ingest::parse(&text, &source);
        out.push(Checked { file, text, records });
    }
    Ok(out)
}

fn check(config: &Config, files: &[PathBuf], strict: bool) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    let mut unresolved = 0;
    for doc in documents_to_check(config, files)? {
        let report = crate::ingest::check::check(&doc.text, &doc.records);
        let kinds: Vec<String> = report.kinds.iter().map(|(k, n)| format!("{} {n}", kind_label(k))).collect();
        writeln!(out, "{}", doc.file)?;
        writeln!(out, "  記録: {}", kinds.join("、"))?;
        writeln!(out, "  章・節 ({}): {}", report.sections.len(), report.sections.join(" / "))?;
        writeln!(
            out,
            "  記録にない数値の行: {}（うち理由のないもの {}）",
            report.unexplained.len(),
            report.unresolved()
        )?;
        for u in &report.unexplained {
            let why = u.reason.map_or_else(|| "要確認".to_string(), |r| format!("理由: {r}"));
            let text: String = u.text.chars().take(80).collect();
            writeln!(out, "    {}:{}: {text}  — {why}", doc.file, u.line)?;
        }
        unresolved += report.unresolved();
    }
    if strict && unresolved > 0 {
        eprintln!("planbot: 記録にも理由にも当たらない数値の行が {unresolved} 行あります。");
        return Ok(EXIT_NOT_FOUND);
    }
    Ok(EXIT_FOUND)
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "indicator" => "指標",
        "measure" => "取組",
        "responsibility" => "担当課",
        "satisfaction" => "満足度",
        "plan" => "計画",
        "count" => "数",
        "passage" => "本文",
        other => other,
    }
}

fn indicators(config: &Config, format: Format, municipality: Option<&str>) -> Result<u8> {
    let ingested = ingest_reporting(config)?;
    let rows: Vec<&Record> = ingested
        .iter()
        .filter(|r| matches!(r.body, Body::Indicator(_)))
        .filter(|r| municipality.is_none_or(|m| r.source.municipality.as_deref() == Some(m)))
        .collect();
    if rows.is_empty() {
        if let Some(m) = municipality {
            eprintln!("planbot: {m} の指標はありません。");
            return Ok(EXIT_NOT_FOUND);
        }
    }
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json | Format::Csv => {
            let (codes, problems) = crate::opendata::codes(&crate::ingest::Catalog::load(&config.paths.data)?);
            for p in problems {
                eprintln!("planbot: 警告: {p}");
            }
            let rows: Vec<Record> = rows.into_iter().cloned().collect();
            let rows = crate::opendata::rows(&rows, &codes);
            if format == Format::Json {
                serde_json::to_writer_pretty(&mut out, &rows)?;
                writeln!(out)?;
            } else {
                out.write_all(crate::opendata::csv(&rows).as_bytes())?;
            }
        }
        Format::Table => {
            for r in &rows {
                if let Body::Indicator(i) = &r.body {
                    let v = |x: &Option<crate::ingest::value::Value>| {
                        x.as_ref().map(|v| v.display()).unwrap_or_else(|| "—".into())
                    };
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{} → {}\t{}:{}",
                        r.source.municipality.as_deref().unwrap_or("?"),
                        r.section.label(),
                        i.name,
                        v(&i.baseline),
                        v(&i.target),
                        r.source.file,
                        r.line
                    )?;
                }
            }
        }
    }
    Ok(EXIT_FOUND)
}

/// The FAQ of the data folder, to stdout or `--out`.
fn faq(config: &Config, format: FaqFormat, municipality: Option<&str>, out: Option<PathBuf>) -> Result<u8> {
    use crate::faq::{self, render};
    let entries = faq::generate(&ingest_reporting(config)?, municipality);
    if entries.is_empty() {
        let scope = municipality.map_or_else(|| "data/ の計画".to_string(), |m| format!("{m} の計画"));
        eprintln!("planbot: {scope}からは FAQ を作れる記録が見つかりませんでした。");
        return Ok(EXIT_NOT_FOUND);
    }
    let text = match format {
        FaqFormat::Md => render::markdown(&entries),
        FaqFormat::Json => render::json(&entries),
        FaqFormat::Csv => render::csv(&entries),
        FaqFormat::Html => render::html(&entries),
    };
    write_out(out.as_deref(), text.as_bytes())?;
    if let Some(path) = out {
        eprintln!("FAQ を {} 件書き出しました: {}", entries.len(), path.display());
    }
    Ok(EXIT_FOUND)
}

/// Writes to the file, or to stdout without one.
fn write_out(path: Option<&std::path::Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(path) => std::fs::write(path, bytes).with_context(|| format!("{} に書き込めません", path.display())),
        None => Ok(std::io::stdout().lock().write_all(bytes)?),
    }
}

/// `planbot chart NAME --out FILE.svg|FILE.png`: one indicator's chart.
fn chart(config: &Config, query: &str, out: &std::path::Path, municipality: Option<&str>) -> Result<u8> {
    let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("svg" | "png")) {
        eprintln!("planbot: --out の拡張子は .svg か .png にしてください（例: --out chart.png）。");
        return Ok(EXIT_BAD_INPUT);
    }
    let entries = crate::faq::generate(&ingest_reporting(config)?, municipality);
    let found = crate::faq::find_indicators(&entries, query);
    let entry = match found.as_slice() {
        [] => {
            eprintln!("planbot: 「{query}」という指標は見つかりませんでした。planbot indicators で一覧できます。");
            return Ok(EXIT_NOT_FOUND);
        }
        [one] => *one,
        many => {
            eprintln!(
                "planbot: 「{query}」に当たる指標が {} 件あります。id か正確な名前で指定してください:",
                many.len()
            );
            for e in many.iter().take(20) {
                let name = e.indicator.as_ref().map(|i| i.name.as_str()).unwrap_or("");
                eprintln!("  {}  {} {}（{}:{}）", e.id, e.municipality, name, e.citation.file, e.citation.line);
            }
            return Ok(EXIT_BAD_INPUT);
        }
    };
    let Some(chart) = entry.indicator.as_ref().and_then(crate::chart::standalone) else {
        eprintln!("planbot: この指標には同じ単位の数値が 2 つ以上ないため、グラフにできません: {}", entry.answer);
        return Ok(EXIT_NOT_FOUND);
    };
    let bytes =
        if ext.as_deref() == Some("png") { crate::chart::png(&chart.svg, 2.0)? } else { chart.svg.into_bytes() };
    write_out(Some(out), &bytes)?;
    eprintln!("グラフを書き出しました: {}（{}）", out.display(), chart.alt);
    Ok(EXIT_FOUND)
}

fn run_eval(
    config: &Config,
    file: &std::path::Path,
    out: Option<PathBuf>,
    seeds: Option<PathBuf>,
    verbose: bool,
    passages_only: bool,
) -> Result<u8> {
    let items = eval::read_items(file)?;
    let seeds = match seeds {
        Some(s) => s,
        None => {
            let beside = file.parent().map(|p| p.join("../plans")).filter(|p| p.is_dir());
            beside.unwrap_or_else(|| config.paths.data.join("plans"))
        }
    };
    if !seeds.is_dir() {
        bail!("元文書のフォルダ {} がありません (--seeds で指定できます)", seeds.display());
    }
    // The passages-only index lives in a folder of its own, removed at the end: the index of
    // --index must never be taken for it, nor it for that one.
    let scratch =
        if passages_only { Some(tempfile::tempdir().context("一時フォルダを作れません")?) } else { None };
    let engine = match &scratch {
        Some(dir) => {
            let paths = Paths { data: config.paths.data.clone(), index: dir.path().to_path_buf() };
            let index = index::build_passages_only(&paths)?;
            report_problems(&index.problems);
            eprintln!("段落だけの索引で答えます（{} 件、診断用）", index.num_records());
            Engine::new(index, Synonyms::load(&config.paths.data)?)?
        }
        None => engine(config)?,
    };
    let checker = eval::Checker::new(std::path::Path::new("."), &seeds)?;
    let report = eval::run(&engine, &items, &checker);
    if let Some(path) = out {
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(&path).with_context(|| format!("{} に書けません", path.display()))?,
        );
        for (item, a) in &report.answers {
            let row = eval::AnswerRow {
                id: &item.id,
                question: &item.question,
                found: a.found,
                answer: &a.answer,
                citations: &a.citations,
            };
            serde_json::to_writer(&mut f, &row)?;
            writeln!(f)?;
        }
        f.flush()?;
    }
    if verbose {
        for (item, a, aok, cok) in &report.failures {
            writeln!(
                std::io::stdout(),
                "FAIL | {} | {} | {} | answer={aok} cite={cok} | {}",
                item.id,
                item.kind,
                item.question,
                a.answer.replace('\n', " ")
            )?;
        }
    }
    if verbose {
        let mut slow: Vec<_> = report.latencies.iter().zip(&report.answers).collect();
        slow.sort_by(|a, b| b.0.cmp(a.0));
        for (d, (item, a)) in slow.iter().take(5) {
            writeln!(
                std::io::stdout(),
                "SLOW | {:.2} ms | {} | {} | {}",
                d.as_secs_f64() * 1000.0,
                item.id,
                a.intent,
                item.question
            )?;
        }
    }
    writeln!(std::io::stdout(), "{}", report.latency_line())?;
    writeln!(std::io::stdout(), "{}", report.table())?;
    Ok(EXIT_FOUND)
}

fn discord(
    config: Config,
    token_file: Option<PathBuf>,
    guild: Option<u64>,
    store: Option<PathBuf>,
    api: Option<String>,
) -> Result<u8> {
    use crate::surface::discord::{secret, Settings};
    let token = match secret::read_token(token_file.as_deref(), std::env::var("DISCORD_TOKEN").ok()) {
        Ok(token) => token,
        Err(message) => {
            eprintln!("planbot: {message}");
            return Ok(EXIT_BAD_INPUT);
        }
    };
    secret::hide(&token);
    secret::init_logging();
    let store = store.unwrap_or_else(|| crate::store::Store::default_path(&config.paths.data));
    let settings = Settings { paths: config.paths, store, token, guild, api };
    let runtime = tokio::runtime::Runtime::new().context("非同期ランタイムを作れません")?;
    // The error is printed by `main`, outside the log's filter: hide the token here too.
    runtime
        .block_on(crate::surface::discord::run(settings))
        .map_err(|e| anyhow::anyhow!("{}", secret::redact(&format!("{e:#}"))))?;
    Ok(EXIT_FOUND)
}

fn report(config: &Config, since: Option<&str>, format: ReportFormat, store: Option<PathBuf>) -> Result<u8> {
    if let Some(day) = since {
        let ok = day.len() == 10
            && day.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
        if !ok {
            eprintln!("planbot: --since は YYYY-MM-DD の形で指定してください（例: 2026-04-01）。");
            return Ok(EXIT_BAD_INPUT);
        }
    }
    let path = store.unwrap_or_else(|| crate::store::Store::default_path(&config.paths.data));
    if !path.exists() {
        eprintln!("planbot: 記録 {} がまだありません（ボットか Web が質問を受けると作られます）。", path.display());
        return Ok(EXIT_NOT_FOUND);
    }
    let report = crate::store::Store::open(&path)?.report(since, crate::surface::report::ROWS)?;
    let text = match format {
        ReportFormat::Md => crate::surface::report::markdown(&report),
        ReportFormat::Csv => crate::surface::report::csv(&report),
    };
    write!(std::io::stdout(), "{text}")?;
    Ok(EXIT_FOUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_is_read_up_to_its_limit_without_a_broken_character() {
        let text = "あ".repeat(10);
        assert_eq!(read_bounded(text.as_bytes(), 30).unwrap(), "あ".repeat(10));
        // 7 bytes: two whole characters, and one cut after its first byte.
        assert_eq!(read_bounded(text.as_bytes(), 7).unwrap(), "ああ");
        assert_eq!(read_bounded(std::io::repeat(b'x'), 100).unwrap().len(), 100);
        assert_eq!(read_bounded(&b"a\xffb"[..], 10).unwrap(), "a\u{fffd}b");
    }

    #[test]
    fn document_text_reaches_the_terminal_without_control_sequences() {
        let hostile = "目標\u{1b}]0;title\u{7}値\u{1b}[2J\r100%\u{8}\u{202e}逆\tです\n次の行";
        let shown = inert(hostile);
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        assert!(!shown.contains('\u{202e}'));
        assert_eq!(shown, "目標\u{fffd}]0;title\u{fffd}値\u{fffd}[2J\u{fffd}100%\u{fffd}\u{fffd}逆 です\n次の行");
        assert!(matches!(inert("<script>@everyone</script>"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn json_for_a_terminal_escapes_what_serde_json_leaves_and_decodes_the_same() {
        let text = "逆\u{202e}順\u{9b}31m\u{7f}\u{2066}x\u{2069}";
        let json = serde_json::to_string(&serde_json::json!({ "quote": text })).unwrap();
        let shown = json_inert(&json);
        assert!(!shown.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)), "{shown}");
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back["quote"], text);
    }
}
