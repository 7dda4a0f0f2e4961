//! The web surface: every route and limit in-process with `oneshot`, the connection-level
//! limits and graceful shutdown on a real socket, and `planbot serve` as a real process.
//! The engine is real: a temp index built from the bundled data/.

#[allow(dead_code)] // the helpers serve several test binaries
mod util;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use once_cell::sync::Lazy;
use planbot::answer::{synonyms::Synonyms, Engine};
use planbot::index::Paths;
use planbot::surface::http::{app, serve, AppState, Limits};
use serde_json::{json, Value};
use tower::ServiceExt;
use util::data_dir;

/// One index for the whole binary (building it is the slow part), in a temp folder.
static INDEX: Lazy<tempfile::TempDir> = Lazy::new(|| {
    let dir = tempfile::tempdir().unwrap();
    planbot::index::open(&paths(dir.path().to_path_buf())).unwrap();
    dir
});

/// Relative `data`, as `planbot serve` runs in a checkout: citations name `data/plans/…`.
/// (Cargo runs integration tests in the package root.)
fn paths(index: PathBuf) -> Paths {
    Paths { data: PathBuf::from("data"), index }
}

/// A fresh state (its own store and metrics) over the shared index.
fn state_with(limits: Limits) -> (Arc<AppState>, tempfile::TempDir) {
    let paths = paths(INDEX.path().to_path_buf());
    let (index, _) = planbot::index::open(&paths).unwrap();
    let engine = Engine::new(index, Synonyms::load(&paths.data).unwrap()).unwrap();
    let store_dir = tempfile::tempdir().unwrap();
    let state = AppState::open(engine, &paths, &store_dir.path().join("planbot.sqlite3"), limits).unwrap();
    (Arc::new(state), store_dir)
}

static SHARED: Lazy<(Arc<AppState>, tempfile::TempDir)> = Lazy::new(|| state_with(Limits::default()));

fn shared() -> Router {
    app(SHARED.0.clone())
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// An error reply: JSON with a Japanese message and nothing internal.
    fn error(&self) -> String {
        let content_type = self.headers.get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(content_type.as_deref(), Some("application/json"), "{}", self.text());
        let message = self.json()["error"].as_str().expect("an error message").to_string();
        assert!(message.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)), "not Japanese: {message}");
        assert_no_internals(&message);
        message
    }
}

fn assert_no_internals(text: &str) {
    // "検索中に問題が起きました" alone is the polite message of a failed search; a colon after it
    // would start the internal detail.
    for internal in
        ["panicked", "src/", ".rs:", "tantivy", "rusqlite", "SQLITE", "Error(", "/tmp", "検索中に問題が起きました:"]
    {
        assert!(!text.contains(internal), "internal detail {internal:?} in {text}");
    }
}

async fn send(router: Router, request: Request<Body>) -> Reply {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply { status, headers, body }
}

async fn get(uri: &str) -> Reply {
    send(shared(), Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(uri: &str, body: impl Into<Body>) -> Reply {
    let request = Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(body.into()).unwrap();
    send(shared(), request).await
}

fn query(q: &str) -> String {
    let mut out = String::new();
    for b in q.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(*b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

// ------------------------------------------------------------------------------------ /api/ask

#[tokio::test]
async fn ask_by_get_returns_the_answer_contract_with_a_chart_and_an_answer_id() {
    let reply = get(&format!("/api/ask?q={}", query("マイナンバーカード交付率の目標は？"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let a = reply.json();
    for field in ["question", "found", "intent", "answer", "citations", "hits", "answer_id", "charts"] {
        assert!(a.get(field).is_some(), "{field} missing");
    }
    assert_eq!(a["found"], true);
    assert!(a["answer"].as_str().unwrap().contains("100.0%"));
    let c = &a["citations"][0];
    assert_eq!(
        (c["file"].as_str().unwrap(), c["line"].as_u64().unwrap()),
        ("data/plans/002_ce2878ebb8c6f072.txt", 633)
    );
    let chart = &a["charts"][0];
    assert_eq!(chart["kind"], "bars");
    let svg = chart["svg"].as_str().unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("100.0%") && svg.contains("36.1%"));
    let hit = &a["hits"][chart["hit"].as_u64().unwrap() as usize];
    assert_eq!(hit["body"]["name"], "マイナンバーカードの交付率");
    let id = a["answer_id"].as_str().unwrap();
    assert!(id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
}

#[tokio::test]
async fn ask_by_post_uses_the_municipality_filter() {
    let reply =
        post_json("/api/ask", json!({"question": "収納率の目標は？", "municipality": "小諸市"}).to_string()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let a = reply.json();
    assert_eq!(a["question"], "収納率の目標は？", "the user's words are echoed, not the engine's");
    let cited: Vec<&str> =
        a["citations"].as_array().unwrap().iter().map(|c| c["municipality"].as_str().unwrap_or("")).collect();
    assert!(!cited.is_empty() && cited.iter().all(|m| *m == "小諸市"), "{cited:?}");
    // The yearly targets of 市税現年収納率 come with a line chart.
    assert!(a["charts"].as_array().unwrap().iter().any(|c| c["kind"] == "line"), "{}", a["charts"]);
}

#[tokio::test]
async fn an_unknown_municipality_in_the_filter_is_a_clear_400() {
    let reply = post_json("/api/ask", json!({"question": "人口は？", "municipality": "架空市"}).to_string()).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let message = reply.error();
    assert!(message.contains("架空市") && message.contains("本庄市"), "{message}");
}

#[tokio::test]
async fn a_question_over_1000_characters_is_a_400_in_japanese_and_1000_is_answered() {
    let long = "あ".repeat(1001);
    let reply = post_json("/api/ask", json!({ "question": long }).to_string()).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.error().contains("1000 文字以内"));
    let at_limit = format!("マイナンバーカード交付率の目標は？{}", "　".repeat(983));
    assert_eq!(at_limit.chars().count(), 1000);
    let reply = post_json("/api/ask", json!({ "question": at_limit }).to_string()).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn an_empty_or_missing_question_is_a_400() {
    for uri in ["/api/ask", "/api/ask?q=", "/api/ask?q=%20%E3%80%80%0A"] {
        let reply = get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(reply.error().contains("空"));
    }
}

#[tokio::test]
async fn a_body_over_16_kb_is_a_413_with_json() {
    let big = json!({ "question": "あ".repeat(6000) }).to_string();
    assert!(big.len() > 16 * 1024);
    let reply = post_json("/api/ask", big).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.error().contains("16 KB"));
}

#[tokio::test]
async fn bad_json_wrong_fields_and_wrong_content_type_are_explained() {
    let reply = post_json("/api/ask", "{\"question\": ").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.error().contains("JSON"));
    let reply = post_json("/api/ask", json!({"question": 12}).to_string()).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    reply.error();
    let request = Request::post("/api/ask").header(header::CONTENT_TYPE, "text/plain").body(Body::from("x")).unwrap();
    let reply = send(shared(), request).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(reply.error().contains("application/json"));
}

#[tokio::test]
async fn wrong_methods_and_unknown_routes_get_json_errors() {
    let reply = send(shared(), Request::delete("/api/ask").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    reply.error();
    let allow = reply.headers.get(header::ALLOW).unwrap().to_str().unwrap().to_string();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    let reply = send(shared(), Request::get("/api/feedback").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    let reply = get("/api/nothing-here").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    reply.error();
}

/// The hostile corpus of issue 8 through the API: each input gets a bounded JSON reply with no
/// internal error text.
#[tokio::test]
async fn hostile_questions_get_bounded_safe_answers() {
    let corpus = [
        "",
        "   \t\n",
        "\0\u{1}\u{7}マイナンバー\u{1b}[31m",
        "\u{202e}マイナンバーカード交付率の目標は？\u{2066}\u{200f}",
        "🙂🏙️ マイナンバー 📈",
        "title:foo AND (bar OR baz*) ~2 \"phrase",
        "'; DROP TABLE asked; --",
        "$(rm -rf /) `id` | cat /etc/passwd",
        "<script>alert(1)</script><img src=x onerror=alert(2)>",
        "[x](http://evil.example) マイナンバーカード交付率の目標は？",
        "@everyone @here <@123> <@&123> 目標は？",
        &"9".repeat(5000)[..990],
        "What is the target for the My Number card?",
    ];
    for q in corpus {
        let reply = post_json("/api/ask", json!({ "question": q }).to_string()).await;
        assert!(matches!(reply.status.as_u16(), 200 | 400), "{q:?}: {}", reply.status);
        assert!(reply.body.len() < 64 * 1024, "{q:?}: reply of {} bytes", reply.body.len());
        if reply.status == StatusCode::OK {
            let a = reply.json();
            let answer = a["answer"].as_str().unwrap();
            assert_no_internals(answer);
            assert!(answer.chars().count() < 4000, "{q:?}");
            assert!(a["hits"].as_array().unwrap().len() <= 10);
        } else {
            reply.error();
        }
    }
    // 100,000 characters: refused before the engine sees them, by size or by length.
    let huge = post_json("/api/ask", json!({ "question": "あ".repeat(100_000) }).to_string()).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    huge.error();
    let long = get(&format!("/api/ask?q={}", "%E3%81%82".repeat(1500))).await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    long.error();
}

// ------------------------------------------------------------------------------ other routes

#[tokio::test]
async fn indicators_are_filtered_and_paged() {
    let all = get("/api/indicators?per_page=200").await.json();
    let expected = planbot::ingest::ingest_dir(&data_dir())
        .unwrap()
        .records
        .iter()
        .filter(|r| r.body.kind() == "indicator")
        .count();
    assert_eq!(all["total"].as_u64().unwrap() as usize, expected);
    let honjo = get(&format!("/api/indicators?municipality={}", query("本庄市"))).await.json();
    let items = honjo["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.iter().all(|r| r["source"]["municipality"] == "本庄市"));
    let card = get(&format!("/api/indicators?text={}", query("ﾏｲﾅﾝﾊﾞｰ"))).await.json();
    let items = card["items"].as_array().unwrap();
    assert!(items.iter().all(|r| r["body"]["name"].as_str().unwrap().contains("マイナンバー")));
    let row = items.iter().find(|r| r["line"] == 633).expect("the 本庄市 row");
    assert_eq!(row["body"]["target"]["figure"], "100.0");
    let plan = get(&format!("/api/indicators?plan={}", query("小諸市"))).await.json();
    assert!(plan["items"].as_array().unwrap().iter().all(|r| r["source"]["file"].as_str().unwrap().contains("003_")));
    // Paging: two pages of 5 are the first ten, in order; past the end is empty, not an error.
    let first = get("/api/indicators?page=1&per_page=5").await.json();
    let second = get("/api/indicators?page=2&per_page=5").await.json();
    let ten = get("/api/indicators?per_page=10").await.json();
    let lines = |v: &Value| v["items"].as_array().unwrap().iter().map(|r| r["line"].clone()).collect::<Vec<_>>();
    assert_eq!([lines(&first), lines(&second)].concat(), lines(&ten));
    assert_eq!(get("/api/indicators?page=999").await.json()["items"], json!([]));
    for bad in ["page=0", "per_page=0", "per_page=201", "page=abc", "per_page=-1"] {
        let reply = get(&format!("/api/indicators?{bad}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
        reply.error();
    }
}

#[tokio::test]
async fn feedback_is_recorded_in_the_shared_store() {
    let (state, _dir) = state_with(Limits::default());
    let router = app(state.clone());
    let asked = send(
        router.clone(),
        Request::get(format!("/api/ask?q={}", query("経常収支比率の目標は？"))).body(Body::empty()).unwrap(),
    )
    .await
    .json();
    let id = asked["answer_id"].as_str().unwrap();
    let vote = |body: String| {
        send(
            router.clone(),
            Request::post("/api/feedback")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
    };
    let reply = vote(json!({"answer_id": id, "verdict": "down"}).to_string()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["recorded"], true);
    let report = state.store.report(None, 10).unwrap();
    assert_eq!(report.total, 1);
    assert_eq!(report.voted_down[0].question, "経常収支比率の目標は？");
    let reply = vote(json!({"answer_id": "0123456789abcdef0123456789abcdef", "verdict": "up"}).to_string()).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    reply.error();
    let reply = vote(json!({"answer_id": id, "verdict": "maybe"}).to_string()).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    reply.error();
}

#[tokio::test]
async fn health_metrics_and_municipalities() {
    let health = get("/healthz").await.json();
    let current = std::fs::read_to_string(INDEX.path().join("CURRENT")).unwrap();
    assert_eq!((health["status"].as_str(), health["generation"].as_str()), (Some("ok"), Some(current.trim())));
    let m = get("/api/municipalities").await.json();
    let names: Vec<&str> = m["municipalities"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(names.contains(&"本庄市") && names.contains(&"小諸市"), "{names:?}");

    // Metrics of a state of our own, so other tests' requests do not count.
    let (state, _dir) = state_with(Limits::default());
    let router = app(state);
    for q in ["マイナンバーカード交付率の目標は？", "宇宙港の建設計画は？"] {
        send(router.clone(), Request::get(format!("/api/ask?q={}", query(q))).body(Body::empty()).unwrap()).await;
    }
    send(router.clone(), Request::get("/api/ask").body(Body::empty()).unwrap()).await;
    send(router.clone(), Request::get("/nope").body(Body::empty()).unwrap()).await;
    let reply = send(router, Request::get("/metrics").body(Body::empty()).unwrap()).await;
    assert!(reply.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = reply.text();
    for line in [
        "planbot_http_requests_total{route=\"/api/ask\",status=\"200\"} 2",
        "planbot_http_requests_total{route=\"/api/ask\",status=\"400\"} 1",
        "planbot_http_requests_total{route=\"unmatched\",status=\"404\"} 1",
        "planbot_http_request_duration_seconds_bucket{le=\"+Inf\"} 4",
        "planbot_answers_total{found=\"true\"} 1",
        "planbot_answers_total{found=\"false\"} 1",
        &format!("planbot_index_info{{generation=\"{}\"}} 1", current.trim()),
    ] {
        assert!(text.contains(line), "{line} missing from\n{text}");
    }
}

#[tokio::test]
async fn the_page_its_script_and_style_are_served_under_a_strict_csp() {
    let page = get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
    assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    let html = page.text();
    assert!(html.contains("lang=\"ja\"") && html.contains("<script src=\"/app.js\""));
    // No inline script or handler for the CSP to block: every <script> has a src and is empty.
    assert_eq!(html.matches("<script").count(), html.matches("<script src=").count());
    assert!(!html.contains(" onclick=") && !html.contains(" onload="));
    assert!(!html.contains("http://") && !html.contains("https://"), "no outside resources");
    let js = get("/app.js").await;
    assert!(js.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    assert!(!js.text().contains("innerHTML"), "data must go in as text");
    let css = get("/app.css").await;
    assert!(css.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
    assert_eq!(css.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

/// The OpenAPI document is generated from the handlers: it lists every route, and every
/// operation it lists exists with that method (and no other).
#[tokio::test]
async fn the_openapi_document_lists_every_route_the_router_has() {
    let spec = get("/api/openapi.json").await.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                documented.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    documented.sort();
    let mut routes: Vec<(String, String)> = [
        ("GET", "/"),
        ("GET", "/app.js"),
        ("GET", "/app.css"),
        ("GET", "/api/ask"),
        ("POST", "/api/ask"),
        ("GET", "/api/indicators"),
        ("GET", "/api/municipalities"),
        ("POST", "/api/feedback"),
        ("GET", "/healthz"),
        ("GET", "/metrics"),
        ("GET", "/api/openapi.json"),
    ]
    .iter()
    .map(|(m, p)| (m.to_string(), p.to_string()))
    .collect();
    routes.sort();
    assert_eq!(documented, routes);
    for (method, path) in &documented {
        let request = Request::builder().method(method.as_str()).uri(path).body(Body::empty()).unwrap();
        let status = send(shared(), request).await.status;
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&status),
            "{method} {path}: {status}"
        );
        let other = if method == "GET" { Method::PUT } else { Method::GET };
        let request = Request::builder().method(other.clone()).uri(path).body(Body::empty()).unwrap();
        let status = send(shared(), request).await.status;
        let same_path_other_method = documented.iter().any(|(m, p)| p == path && *m == other.as_str());
        if !same_path_other_method {
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{other} {path}");
        }
    }
    assert_eq!(
        spec["paths"]["/api/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/AskBody"
    );
}

// ------------------------------------------------------------------- on a real socket

/// A server on 127.0.0.1 with `limits`, stopped by sending on the returned channel.
async fn start(
    limits: Limits,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let (state, dir) = state_with(limits.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _dir = dir;
        serve(listener, app(state), &limits, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    (addr, stop, task)
}

fn short_limits() -> Limits {
    Limits {
        header_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_millis(500),
        concurrency: 1,
        queue_timeout: Duration::from_millis(300),
        grace: Duration::from_secs(10),
    }
}

/// Reads an HTTP/1.1 response (headers and a Content-Length body) from a blocking stream.
fn read_response(stream: &mut TcpStream) -> String {
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// Starts a POST /api/ask whose body is still coming: the request is in flight.
fn stalled_post(addr: std::net::SocketAddr, body: &str) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!(
        "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body.as_bytes()[..10]).unwrap();
    stream.flush().unwrap();
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_the_request_in_flight_and_accepts_no_more() {
    let (addr, stop, task) = start(Limits { request_timeout: Duration::from_secs(10), ..short_limits() }).await;
    let body = json!({"question": "マイナンバーカード交付率の目標は？"}).to_string();
    let mut stream = tokio::task::spawn_blocking({
        let body = body.clone();
        move || stalled_post(addr, &body)
    })
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(TcpStream::connect(addr).is_err(), "a stopped server accepts no new connection");
    let response = tokio::task::spawn_blocking(move || {
        stream.write_all(&body.as_bytes()[10..]).unwrap();
        read_response(&mut stream)
    })
    .await
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("100.0%"));
    tokio::time::timeout(Duration::from_secs(10), task).await.expect("serve returns after the last request").unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_slow_bodies_are_cut_off() {
    let (addr, stop, _task) = start(short_limits()).await;
    let (headers, body) = tokio::task::spawn_blocking(move || {
        let mut slow = TcpStream::connect(addr).unwrap();
        slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").unwrap();
        std::thread::sleep(Duration::from_millis(1200));
        let headers = read_response(&mut slow);
        let mut stalled = stalled_post(addr, &json!({"question": "マイナンバーカード交付率の目標は？"}).to_string());
        (headers, read_response(&mut stalled))
    })
    .await
    .unwrap();
    // Hyper closes a connection whose headers time out (with a 408 or without a word).
    assert!(headers.is_empty() || headers.starts_with("HTTP/1.1 408"), "{headers}");
    assert!(body.starts_with("HTTP/1.1 408"), "{body}");
    assert!(body.contains("application/json") && body.contains("時間内に処理できませんでした"), "{body}");
    stop.send(()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_concurrency_limit_requests_get_503_but_health_still_answers() {
    let (addr, stop, _task) = start(Limits { request_timeout: Duration::from_secs(10), ..short_limits() }).await;
    let (busy, health, stalled) = tokio::task::spawn_blocking(move || {
        let stalled = stalled_post(addr, &json!({"question": "マイナンバーカード交付率の目標は？"}).to_string());
        std::thread::sleep(Duration::from_millis(200));
        let mut other = TcpStream::connect(addr).unwrap();
        other.write_all(b"GET /api/municipalities HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let busy = read_response(&mut other);
        let mut health = TcpStream::connect(addr).unwrap();
        health.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        (busy, read_response(&mut health), stalled)
    })
    .await
    .unwrap();
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy}");
    assert!(busy.contains("混み合っています"), "{busy}");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    drop(stalled.shutdown(std::net::Shutdown::Both));
    stop.send(()).unwrap();
}

/// `planbot serve` as a user runs it: loopback by default, answers, stops cleanly on SIGTERM.
#[test]
fn the_serve_command_answers_and_stops_on_sigterm() {
    let project = util::TempProject::with_bundled_data();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .current_dir(&project.root)
        .env_remove("PLANBOT_DATA")
        .env_remove("PLANBOT_INDEX")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let addr = loop {
        line.clear();
        assert!(std::io::BufRead::read_line(&mut stderr, &mut line).unwrap() > 0, "serve exited early");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split_whitespace().next().unwrap().split('（').next().unwrap().to_string();
        }
    };
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    let mut stream = TcpStream::connect(&addr).unwrap();
    let q = query("マイナンバーカード交付率の目標は？");
    stream
        .write_all(format!("GET /api/ask?q={q} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .unwrap();
    let response = read_response(&mut stream);
    assert!(response.starts_with("HTTP/1.1 200") && response.contains("100.0%"), "{response}");
    let status = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "{rest}");
    // One log line per request, with the path but never the question.
    assert!(rest.contains("path=/api/ask") && rest.contains("status=200"), "{rest}");
    assert!(!rest.contains("マイナンバー") && !rest.contains(&q), "the question is logged only at debug level");
    assert!(project.root.join("planbot.sqlite3").exists(), "the store sits beside data/");
}

/// A search that fails (index files damaged on disk under the running server, which the checks
/// at open cannot see) is 503 with a Japanese message, never "not found" and never the detail.
#[tokio::test]
async fn a_search_failing_under_the_server_is_503_without_internals() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths(dir.path().join("index"));
    let (index, _) = planbot::index::open(&paths).unwrap();
    let engine = Engine::new(index, Synonyms::load(&paths.data).unwrap()).unwrap();
    let state = AppState::open(engine, &paths, &dir.path().join("planbot.sqlite3"), Limits::default()).unwrap();
    let router = app(Arc::new(state));
    let ask =
        || Request::get(format!("/api/ask?q={}", query("マイナンバーカード交付率の目標は？"))).body(Body::empty());
    assert_eq!(send(router.clone(), ask().unwrap()).await.status, StatusCode::OK);
    // Garbage over the postings, positions, fast fields and norms, in place: the memory maps
    // see it, the term dictionary still finds the words, what they point at is nonsense.
    let generation = std::fs::read_to_string(paths.index.join("CURRENT")).unwrap();
    for entry in std::fs::read_dir(paths.index.join(generation.trim())).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if [".idx", ".pos", ".fast", ".fieldnorm"].iter().any(|e| name.ends_with(e)) {
            let len = entry.metadata().unwrap().len() as usize;
            let mut f = std::fs::OpenOptions::new().write(true).open(entry.path()).unwrap();
            f.write_all(&vec![0xA5u8; len]).unwrap();
        }
    }
    // Which searches meet the damage depends on the words: of these, at least one must fail
    // loudly, and every failure is a 503 in Japanese with nothing internal.
    let mut failed = 0;
    for q in ["マイナンバーカード交付率の目標は？", "経常収支比率の目標は？", "市税現年収納率の目標は？"]
    {
        let reply =
            send(router.clone(), Request::get(format!("/api/ask?q={}", query(q))).body(Body::empty()).unwrap()).await;
        if reply.status == StatusCode::SERVICE_UNAVAILABLE {
            assert!(reply.error().contains("検索中に問題が起きました"));
            failed += 1;
        } else {
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
            assert_no_internals(&reply.text());
        }
    }
    assert!(failed > 0, "no search met the damage");
}

/// Reload (issue 8): the server swaps in the generation `index/CURRENT` names once it opens; a
/// generation that fails to open (here: the data folder gone while it is checked) is logged and
/// the old one kept; a request that took the old state before the swap still answers from it.
#[tokio::test]
async fn a_new_generation_is_served_once_it_opens_and_a_failed_open_keeps_the_old() {
    use planbot::surface::http::reload::{check, Reload};
    const QUESTION: &str = "小諸市の市税現年収納率の目標は？";
    const DOCUMENT: &str = "data/plans/003_bd705e7a88c4c15c.txt";
    let project = util::TempProject::with_bundled_data();
    let paths = Paths { data: project.root.join("data"), index: project.root.join("index") };
    let (index, _) = planbot::index::open(&paths).unwrap();
    let engine = Engine::new(index, Synonyms::load(&paths.data).unwrap()).unwrap();
    let state =
        Arc::new(AppState::open(engine, &paths, &project.root.join("planbot.sqlite3"), Limits::default()).unwrap());
    let router = app(state.clone());
    let ask = || async {
        let request = Request::get(format!("/api/ask?q={}", query(QUESTION))).body(Body::empty()).unwrap();
        send(router.clone(), request).await.json()["answer"].as_str().unwrap().to_string()
    };
    let generation =
        || async { send(router.clone(), Request::get("/healthz").body(Body::empty()).unwrap()).await.json() };
    let first = project.current_generation();
    assert!(ask().await.contains("98.93%"));
    assert_eq!(check(&state).await, Reload::Unchanged);

    // Another process's reindex (in-process here: the same library call `planbot index` makes).
    let text = std::fs::read_to_string(project.root.join(DOCUMENT)).unwrap();
    std::fs::write(project.root.join(DOCUMENT), text.replace("98.93%", "99.50%")).unwrap();
    planbot::index::rebuild(&paths).unwrap();
    let second = project.current_generation();
    assert_ne!(first, second);

    // The open fails: the old generation keeps answering, and says so.
    std::fs::rename(&paths.data, project.root.join("data.away")).unwrap();
    assert!(matches!(check(&state).await, Reload::Failed(why) if why.contains("データのフォルダ")));
    assert_eq!(generation().await["generation"].as_str(), Some(first.as_str()));
    assert!(ask().await.contains("98.93%"));

    // Back in place: the next check swaps; a request that began before keeps its generation.
    std::fs::rename(project.root.join("data.away"), &paths.data).unwrap();
    let before = state.served();
    assert_eq!(check(&state).await, Reload::Swapped(second.clone()));
    let health = generation().await;
    assert_eq!(health["generation"].as_str(), Some(second.as_str()));
    let listed = send(router.clone(), Request::get("/api/indicators").body(Body::empty()).unwrap()).await.json();
    assert!(health["indicators"].as_u64().unwrap() > 0 && health["indicators"] == listed["total"], "{health}");
    let answer = ask().await;
    assert!(answer.contains("99.50%") && !answer.contains("98.93%"), "{answer}");
    assert!(before.engine.ask(QUESTION).answer.contains("98.93%"), "the old generation stays readable while held");
    assert_eq!(check(&state).await, Reload::Unchanged);
}
