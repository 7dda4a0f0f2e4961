//! The chat page in a real headless Chromium, driven over WebDriver (chromedriver +
//! fantoccini) against `planbot serve`'s app on 127.0.0.1: an answer card with its table,
//! SVG chart and citation; markup in a question stays text; no horizontal scroll at 375 px.
//! Screenshots go to target/screenshots/.
//!
//! Without Chromium and chromedriver this test skips, saying so loudly; with
//! `PLANBOT_REQUIRE_BROWSER=1` (as `.ci/run` sets) it fails instead.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use planbot::answer::{synonyms::Synonyms, Engine};
use planbot::index::Paths;
use planbot::surface::http::{app, serve, AppState, Limits};
use serde_json::json;

const QUESTION: &str = "マイナンバーカード交付率の目標は？";
const HOSTILE: &str = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> 交付率は？";

/// The browser and driver, or why they cannot be used.
fn find_browser() -> Result<(PathBuf, PathBuf), String> {
    let find = |names: &[&str]| -> Option<PathBuf> {
        let dirs = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect::<Vec<_>>()).unwrap_or_default();
        names.iter().flat_map(|n| dirs.iter().map(move |d| d.join(n))).find(|p| p.is_file())
    };
    let browser = std::env::var_os("PLANBOT_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find(&["chromium", "chromium-browser", "google-chrome"]))
        .ok_or("no chromium on PATH (apt-get install chromium chromium-driver)")?;
    let driver = std::env::var_os("PLANBOT_CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| find(&["chromedriver"]))
        .ok_or("no chromedriver on PATH (apt-get install chromium-driver)")?;
    Ok((browser, driver))
}

/// chromedriver, killed when the test ends however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_driver(driver: &Path) -> (Driver, String) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not listen on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    (Driver(child), format!("http://127.0.0.1:{port}"))
}

/// The web app over a temp index built from `data`, on a random loopback port.
async fn start_server(data: &Path, store: &Path, index: &Path) -> String {
    let paths = Paths { data: data.to_path_buf(), index: index.to_path_buf() };
    let (plan_index, _) = planbot::index::open(&paths).unwrap();
    let engine = Engine::new(plan_index, Synonyms::load(&paths.data).unwrap()).unwrap();
    let state = AppState::open(engine, &paths, store, Limits::default()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        serve(listener, app(Arc::new(state)), &Limits::default(), std::future::pending()).await.unwrap();
    });
    format!("http://{addr}")
}

async fn connect(webdriver: &str, browser: &Path, profile: &Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--lang=ja",
        &format!("--user-data-dir={}", profile.display()),
    ];
    let caps = json!({ "goog:chromeOptions": { "binary": browser, "args": args } });
    let serde_json::Value::Object(caps) = caps else { unreachable!() };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector).capabilities(caps).connect(webdriver).await.expect("WebDriver session")
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Waits until the log holds `n` answer cards, and returns the text of the last.
async fn wait_for_cards(c: &Client, n: usize) -> fantoccini::elements::Element {
    let started = Instant::now();
    loop {
        let cards = c.find_all(Locator::Css("#log article.card")).await.unwrap();
        if cards.len() >= n {
            return cards.into_iter().nth(n - 1).unwrap();
        }
        assert!(started.elapsed() < Duration::from_secs(20), "no answer card {n} after 20 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Resizes the window so the page's viewport is `width` CSS pixels wide.
async fn set_viewport_width(c: &Client, width: u32, height: u32) {
    c.set_window_size(width, height).await.unwrap();
    let inner = js(c, "return window.innerWidth").await.as_u64().unwrap() as u32;
    if inner != width {
        c.set_window_size(width + (width - inner.min(width)), height).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chat_page_answers_with_table_chart_and_citation_and_renders_markup_as_text() {
    let (browser, driver) = match find_browser() {
        Ok(found) => found,
        Err(why) if std::env::var("PLANBOT_REQUIRE_BROWSER").as_deref() == Ok("1") => {
            panic!("PLANBOT_REQUIRE_BROWSER=1 but the browser test cannot run: {why}")
        }
        Err(why) => {
            eprintln!("\n!!!!!!!! SKIPPED the browser test: {why}. Set PLANBOT_REQUIRE_BROWSER=1 to make this a failure. !!!!!!!!\n");
            return;
        }
    };
    let temp = tempfile::tempdir().unwrap();
    let base = start_server(Path::new("data"), &temp.path().join("planbot.sqlite3"), &temp.path().join("index")).await;
    let (_driver, webdriver) = start_driver(&driver);
    let c = connect(&webdriver, &browser, &temp.path().join("profile")).await;
    // The scenario runs as its own task so that a failed assertion still ends the browser
    // session: killing chromedriver alone would leave Chromium running.
    let scenario = tokio::spawn(scenario(c.clone(), base, temp.path().to_path_buf()));
    let outcome = scenario.await;
    let _ = c.close().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn scenario(c: Client, base: String, temp: PathBuf) {
    let shots = screenshots();

    // 1. Type the question and press Enter (keyboard only).
    set_viewport_width(&c, 1100, 900).await;
    c.goto(&format!("{base}/")).await.unwrap();
    let input = c.wait().for_element(Locator::Css("#question")).await.unwrap();
    input.send_keys(QUESTION).await.unwrap();
    input.send_keys(&String::from(char::from(Key::Enter))).await.unwrap();
    let card = wait_for_cards(&c, 1).await;
    let text = card.text().await.unwrap();
    let compact: String = text.split_whitespace().collect();
    assert!(compact.contains("100.0%"), "{text}");
    assert!(compact.contains("36.1%"), "{text}");
    let cells: Vec<String> = {
        let mut v = Vec::new();
        for td in card.find_all(Locator::Css("table.indicator td")).await.unwrap() {
            v.push(td.text().await.unwrap());
        }
        v
    };
    assert!(cells.iter().any(|t| t == "100.0%"), "table cells {cells:?}");
    assert!(cells.iter().any(|t| t == "%"), "the unit has its own row: {cells:?}");

    // The chart is inline SVG (in the SVG namespace, parsed, not an image) naming the values.
    let chart = js(
        &c,
        "const s = document.querySelector('#log article.card figure.chart svg');
         return s && { ns: s.namespaceURI, bars: s.querySelectorAll('rect').length,
                       text: Array.from(s.querySelectorAll('text')).map(t => t.textContent).join(' '),
                       width: s.getBoundingClientRect().width };",
    )
    .await;
    assert_eq!(chart["ns"], "http://www.w3.org/2000/svg", "{chart}");
    assert_eq!(chart["bars"], 2, "{chart}");
    let labels = chart["text"].as_str().unwrap();
    for part in ["100.0%", "36.1%", "現状値", "目標値", "単位: %"] {
        assert!(labels.contains(part), "{part} not in chart labels {labels}");
    }
    assert!(chart["width"].as_f64().unwrap() > 100.0, "the chart is drawn: {chart}");

    // 2. The numbered citation expands (keyboard: Enter on its summary) to file:line and quote.
    let summary = card.find(Locator::Css(".citations summary")).await.unwrap();
    assert!(summary.text().await.unwrap().starts_with("[1]"));
    summary.send_keys(&String::from(char::from(Key::Enter))).await.unwrap();
    let place = card.find(Locator::Css(".citations .where")).await.unwrap();
    assert_eq!(place.text().await.unwrap(), "data/plans/002_ce2878ebb8c6f072.txt:633");
    let quote = card.find(Locator::Css(".citations blockquote")).await.unwrap().text().await.unwrap();
    assert!(quote.contains("マイナンバーカードの交付率"), "{quote}");
    assert!(card.find(Locator::Css(".feedback button[aria-label='役に立った']")).await.is_ok());
    std::fs::write(shots.join("answer-desktop.png"), c.screenshot().await.unwrap()).unwrap();

    // 👍 is recorded.
    card.find(Locator::Css(".feedback button[aria-label='役に立った']")).await.unwrap().click().await.unwrap();
    let thanks = card.find(Locator::Css(".feedback .thanks")).await.unwrap();
    let started = Instant::now();
    while thanks.text().await.unwrap().is_empty() && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(thanks.text().await.unwrap(), "ありがとうございました。");

    // 3. Markup in a question is shown as text, and nothing in it runs.
    let input = c.find(Locator::Css("#question")).await.unwrap();
    input.send_keys(HOSTILE).await.unwrap();
    c.find(Locator::Css("#send")).await.unwrap().click().await.unwrap();
    wait_for_cards(&c, 2).await;
    let shown =
        js(&c, "const q = document.querySelectorAll('#log p.question'); return q[q.length - 1].textContent").await;
    assert_eq!(shown, HOSTILE);
    let injected = js(
        &c,
        "return { pwned: window.__pwned === undefined ? null : window.__pwned,
                  imgs: document.querySelectorAll('#log img').length,
                  scripts: document.querySelectorAll('#log script').length }",
    )
    .await;
    assert_eq!(injected, json!({"pwned": null, "imgs": 0, "scripts": 0}));
    std::fs::write(shots.join("markup-as-text.png"), c.screenshot().await.unwrap()).unwrap();

    // 4. A shared link (/?q=…) asks on load; at 375 px nothing scrolls sideways.
    set_viewport_width(&c, 375, 812).await;
    assert_eq!(js(&c, "return window.innerWidth").await, 375);
    let link = format!("{base}/?q={}", percent("市税現年収納率の年度ごとの目標は？"));
    c.goto(&link).await.unwrap();
    let card = wait_for_cards(&c, 1).await;
    let chart = js(
        &c,
        "const s = document.querySelector('#log figure.chart svg'); return s && s.querySelectorAll('polyline').length",
    )
    .await;
    assert_eq!(chart, 1, "the yearly targets are drawn as a line");
    let summary = card.find(Locator::Css(".citations summary")).await.unwrap();
    summary.click().await.unwrap();
    let widths = js(
        &c,
        "const main = document.querySelector('main');
         return { page: document.documentElement.scrollWidth, body: document.body.scrollWidth,
                  main: main.scrollWidth - main.clientWidth, view: window.innerWidth }",
    )
    .await;
    let view = widths["view"].as_u64().unwrap();
    assert!(widths["page"].as_u64().unwrap() <= view && widths["body"].as_u64().unwrap() <= view, "{widths}");
    assert_eq!(widths["main"], 0, "the conversation does not scroll sideways: {widths}");
    std::fs::write(shots.join("answer-375px.png"), c.screenshot().await.unwrap()).unwrap();
    js(&c, "document.querySelector('main').scrollTo(0, 0)").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    std::fs::write(shots.join("answer-375px-top.png"), c.screenshot().await.unwrap()).unwrap();

    // 5. A plan whose own text holds markup: shown as text too, nothing runs.
    let hostile = temp.join("hostile-data");
    std::fs::create_dir_all(hostile.join("plans")).unwrap();
    std::fs::write(hostile.join("plans/hostile.txt"), HOSTILE_PLAN).unwrap();
    let base = start_server(&hostile, &temp.join("hostile.sqlite3"), &temp.join("hostile-index")).await;
    set_viewport_width(&c, 1100, 900).await;
    c.goto(&format!("{base}/?q={}", percent("window doc の目標は？"))).await.unwrap();
    let card = wait_for_cards(&c, 1).await;
    let text = card.text().await.unwrap();
    assert!(text.contains("不審な指標<script>window.__doc=1</script>"), "the markup is shown as text: {text}");
    let title =
        js(&c, "const t = document.querySelector('#log figure.chart svg title'); return t && t.textContent").await;
    assert!(title.as_str().is_some_and(|t| t.contains("<img src=x onerror")), "the chart names it as text: {title}");
    let injected = js(
        &c,
        "return { pwned: window.__doc === undefined ? null : window.__doc,
                  imgs: document.querySelectorAll('#log img').length,
                  scripts: document.querySelectorAll('#log script, #log svg script').length }",
    )
    .await;
    assert_eq!(injected, json!({"pwned": null, "imgs": 0, "scripts": 0}));
    std::fs::write(shots.join("markup-in-a-plan.png"), c.screenshot().await.unwrap()).unwrap();
}

/// A plan with markup in an indicator's name and in its prose.
const HOSTILE_PLAN: &str = "第1章 テスト市 総合計画\n\n\
### 成果指標と目標値\n\n\
| 成果指標 | 現状値 | 目標値 |\n\
|--|--|--|\n\
| 不審な指標<script>window.__doc=1</script><img src=x onerror=\"window.__doc=2\"> | 10% | 20% |\n\n\
本文にも <script>window.__doc=3</script> と <img src=x onerror=\"window.__doc=4\"> があります。\n";

fn percent(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
