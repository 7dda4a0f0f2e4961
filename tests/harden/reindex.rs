//! Reindex under load (issue 8): `planbot serve` on a copy of data/ answers several clients
//! while a document changes and staff run `planbot index` from another process (the bot's
//! `/reindex` is tested in tests/discord.rs), and `planbot ask` processes start throughout. No
//! request may fail; every answer must come wholly from the old index or wholly from the new
//! one; the server switches to the new generation within a few seconds of each reindex, and
//! each client, once it has seen the new answer, never sees the old one again in that round.
//! `scripts/reindex-load.sh` runs more rounds (`PLANBOT_REINDEX_ROUNDS`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::{run, TempProject};

/// The question whose answer the change moves, and the document and figures of the change: the
/// last yearly target of 小諸市's 市税現年収納率, 98.93% before and 99.50% after.
const QUESTION: &str = "小諸市の市税現年収納率の目標は？";
const DOCUMENT: &str = "data/plans/003_bd705e7a88c4c15c.txt";
const OLD: &str = "98.93%";
const NEW: &str = "99.50%";

/// A running `planbot serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(p: &TempProject) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planbot"))
            .args(["serve", "--addr", "127.0.0.1:0", "--store"])
            .arg(p.root.join(format!("store-{}.sqlite3", std::process::id())))
            .current_dir(&p.root)
            .env_remove("PLANBOT_DATA")
            .env_remove("PLANBOT_INDEX")
            .env_remove("PLANBOT_LOG")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        let addr = loop {
            line.clear();
            assert!(stderr.read_line(&mut line).unwrap() > 0, "serve exited early");
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split_whitespace().next().unwrap().split('（').next().unwrap().to_string();
            }
        };
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut rest = String::new();
            while stderr.read_line(&mut rest).unwrap_or(0) > 0 {
                sink.lock().unwrap().push_str(&rest);
                rest.clear();
            }
        });
        Server { child, addr, log }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `GET path` on a fresh connection: (status, body). `None` when the connection failed.
pub fn get(addr: &str, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    stream.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Some((status, body))
}

pub fn url_encoded(q: &str) -> String {
    q.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Which index an answer came from: `Some(false)` old, `Some(true)` new, `None` a mix or
/// neither. The answer text and the quoted line of its citation must agree.
fn side(answer: &str, quote: &str) -> Option<bool> {
    match (answer.contains(OLD), answer.contains(NEW), quote.contains(OLD), quote.contains(NEW)) {
        (true, false, true, false) => Some(false),
        (false, true, false, true) => Some(true),
        _ => None,
    }
}

/// Figures of one run.
#[derive(Default, Debug)]
struct Load {
    requests: usize,
    failures: Vec<String>,
    old: usize,
    new: usize,
    /// The most times one HTTP client's answers changed side: at most once per reindex, since
    /// a client's requests are sequential and the server only moves forward.
    most_switches: usize,
}

impl Load {
    fn answer(&mut self, what: &str, answer: &str, quote: &str) {
        self.requests += 1;
        match side(answer, quote) {
            Some(false) => self.old += 1,
            Some(true) => self.new += 1,
            None => self.failures.push(format!("{what}: mixed or no answer: {answer} / {quote}")),
        }
    }
}

fn http_client(addr: String, stop: Arc<AtomicBool>, load: Arc<Mutex<Load>>) {
    let path = format!("/api/ask?q={}", url_encoded(QUESTION));
    let (mut last, mut switches) = (None, 0);
    while !stop.load(Ordering::Relaxed) {
        let outcome = get(&addr, &path);
        let mut load = load.lock().unwrap();
        match outcome {
            Some((200, body)) => {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                let (answer, quote) =
                    (v["answer"].as_str().unwrap_or(""), v["citations"][0]["quote"].as_str().unwrap_or(""));
                load.answer("http", answer, quote);
                let now = side(answer, quote);
                if now.is_some() && last.is_some() && now != last {
                    switches += 1;
                    load.most_switches = load.most_switches.max(switches);
                }
                last = now.or(last);
            }
            other => {
                load.requests += 1;
                load.failures.push(format!("http: {other:?}"));
            }
        }
    }
}

fn cli_client(root: std::path::PathBuf, stop: Arc<AtomicBool>, load: Arc<Mutex<Load>>) {
    while !stop.load(Ordering::Relaxed) {
        let out = Command::new(env!("CARGO_BIN_EXE_planbot"))
            .args(["ask", "--json", QUESTION])
            .current_dir(&root)
            .env_remove("PLANBOT_DATA")
            .env_remove("PLANBOT_INDEX")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let mut load = load.lock().unwrap();
        match (out.status.code(), serde_json::from_str::<serde_json::Value>(&text)) {
            (Some(0), Ok(v)) => {
                let quote = v["citations"][0]["quote"].as_str().unwrap_or("");
                load.answer("cli", v["answer"].as_str().unwrap_or(""), quote);
            }
            (code, _) => {
                load.requests += 1;
                load.failures.push(format!("cli: exit {code:?}: {text}{}", String::from_utf8_lossy(&out.stderr)));
            }
        }
    }
}

fn rounds() -> usize {
    std::env::var("PLANBOT_REINDEX_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(1)
}

#[test]
fn harden_reindex_under_load_fails_no_request_and_mixes_no_answers() {
    let p = TempProject::with_bundled_data();
    let (code, _, err) = run(&p, &["index"]);
    assert_eq!(code, 0, "{err}");
    let document = p.root.join(DOCUMENT);
    let original = std::fs::read_to_string(&document).unwrap();
    assert_eq!(original.matches(OLD).count(), 1, "the change must be one figure");
    let server = Server::start(&p);
    let first_generation = p.current_generation();
    let stop = Arc::new(AtomicBool::new(false));
    let load = Arc::new(Mutex::new(Load::default()));
    let cli = Arc::new(Mutex::new(Load::default()));
    let started = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..3 {
        let (addr, stop, load) = (server.addr.clone(), stop.clone(), load.clone());
        clients.push(std::thread::spawn(move || http_client(addr, stop, load)));
    }
    {
        let (root, stop, cli) = (p.root.clone(), stop.clone(), cli.clone());
        clients.push(std::thread::spawn(move || cli_client(root, stop, cli)));
    }
    let mut reindexed = 0;
    let mut slowest_switch = Duration::ZERO;
    for round in 0..rounds() {
        std::thread::sleep(Duration::from_millis(500));
        // Alternate the figure, so every round has an old and a new side that differ.
        let (from, to) = if round % 2 == 0 { (OLD, NEW) } else { (NEW, OLD) };
        let text = std::fs::read_to_string(&document).unwrap();
        std::fs::write(&document, text.replace(from, to)).unwrap();
        let (code, _, err) = run(&p, &["index"]);
        assert_eq!(code, 0, "{err}");
        reindexed += 1;
        // The server picks the new generation up by itself, within a few seconds.
        let (generation, indexed) = (p.current_generation(), Instant::now());
        while !get(&server.addr, "/healthz").is_some_and(|(s, b)| s == 200 && b.contains(&generation)) {
            assert!(indexed.elapsed() < Duration::from_secs(10), "still not serving {generation}\n{}", server.log());
            std::thread::sleep(Duration::from_millis(50));
        }
        slowest_switch = slowest_switch.max(indexed.elapsed());
    }
    std::thread::sleep(Duration::from_millis(800));
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let (load, cli) = (load.lock().unwrap(), cli.lock().unwrap());
    eprintln!(
        "reindex under load: {reindexed} reindexes in {:.1} s, the server serving each within {:.2} s; HTTP {} \
         requests ({} failed, {} answered {OLD}, {} {NEW}); CLI {} asks ({} failed, {} answered {OLD}, {} {NEW})",
        started.elapsed().as_secs_f64(),
        slowest_switch.as_secs_f64(),
        load.requests,
        load.failures.len(),
        load.old,
        load.new,
        cli.requests,
        cli.failures.len(),
        cli.old,
        cli.new
    );
    assert!(load.failures.is_empty(), "{:#?}\n{}", load.failures, server.log());
    assert!(cli.failures.is_empty(), "{:#?}", cli.failures);
    assert!(load.requests >= 10, "the load ran: {load:?}");
    // The server answered from both sides, and no client went back to an older answer.
    assert!(load.old > 0 && load.new > 0, "{load:?}");
    assert!(load.most_switches <= reindexed, "a client saw an older answer after a newer one: {load:?}");
    // The server now answers the new content, as a new process does.
    let last = if rounds() % 2 == 1 { NEW } else { OLD };
    let (status, body) = get(&server.addr, &format!("/api/ask?q={}", url_encoded(QUESTION))).unwrap();
    assert!(status == 200 && body.contains(last), "{body}");
    assert_ne!(p.current_generation(), first_generation);
    let (code, out, _) = run(&p, &["ask", QUESTION]);
    assert!(code == 0 && out.contains(last), "{out}");
    // Once the server stops, the next build removes what it held: the folder does not grow.
    drop(server);
    let (code, _, err) = run(&p, &["index"]);
    assert_eq!(code, 0, "{err}");
    let generations = std::fs::read_dir(p.root.join("index"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(generations, 1, "old generations are removed once unused");
}
