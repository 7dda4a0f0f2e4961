//! A bounded load generator for `planbot serve` (run by scripts/load.sh): keep-alive HTTP/1.1
//! connections on 127.0.0.1 send a fixed mix of questions to `GET /api/ask` for a fixed time,
//! then print answers/s, latency percentiles and errors. Deliberately small and single-threaded,
//! so it takes as little as possible of the cores it shares with the server.
//!
//! `cargo bench --bench load -- --addr 127.0.0.1:8080 --seconds 20 --connections 16 --questions FILE`
//! FILE is JSON Lines with a "question" field (the dev eval set) or one question per line.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The mix: the first 60 questions of the file, asked round-robin.
const MIX: usize = 60;

struct Options {
    addr: String,
    seconds: u64,
    connections: usize,
    questions: String,
}

fn options() -> Options {
    let mut o = Options { addr: "127.0.0.1:8080".into(), seconds: 20, connections: 16, questions: String::new() };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--addr" => o.addr = value,
            "--seconds" => o.seconds = value.parse().expect("--seconds N"),
            "--connections" => o.connections = value.parse().expect("--connections N"),
            "--questions" => o.questions = value,
            // `cargo bench` passes --bench; nothing else is ours.
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

fn questions(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let all: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match serde_json::from_str::<serde_json::Value>(l) {
            Ok(v) => v["question"].as_str().expect("a \"question\" field").to_string(),
            Err(_) => l.trim().to_string(),
        })
        .take(MIX)
        .collect();
    assert!(!all.is_empty(), "no questions in {path}");
    all
}

fn percent(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    found: u64,
    errors: u64,
    statuses: std::collections::BTreeMap<u16, u64>,
}

/// Reads one response; returns (status, body).
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<(u16, Vec<u8>)> {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let status: u16 = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                .unwrap_or(0);
            while buf.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Ok((status, buf[end + 4..end + 4 + length].to_vec()));
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

async fn connection(addr: String, requests: Vec<Vec<u8>>, offset: usize, until: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut i = offset;
    'reconnect: while Instant::now() < until {
        let Ok(mut stream) = TcpStream::connect(&addr).await else {
            tally.errors += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        while Instant::now() < until {
            let request = &requests[i % requests.len()];
            i += 1;
            let started = Instant::now();
            if stream.write_all(request).await.is_err() {
                tally.errors += 1;
                continue 'reconnect;
            }
            match read_response(&mut stream, &mut buf).await {
                Ok((status, body)) => {
                    tally.latencies.push(started.elapsed());
                    *tally.statuses.entry(status).or_default() += 1;
                    if status != 200 {
                        tally.errors += 1;
                    } else if body.windows(13).any(|w| w == b"\"found\":true,") {
                        tally.found += 1;
                    }
                }
                Err(_) => {
                    tally.errors += 1;
                    continue 'reconnect;
                }
            }
        }
    }
    tally
}

fn main() {
    let o = options();
    let qs = questions(&o.questions);
    let requests: Vec<Vec<u8>> = qs
        .iter()
        .map(|q| format!("GET /api/ask?q={} HTTP/1.1\r\nHost: {}\r\n\r\n", percent(q), o.addr).into_bytes())
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let started = Instant::now();
    let until = started + Duration::from_secs(o.seconds);
    let tallies: Vec<Tally> = runtime.block_on(async {
        let tasks: Vec<_> = (0..o.connections)
            .map(|c| tokio::spawn(connection(o.addr.clone(), requests.clone(), c * 7, until)))
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = tallies.iter().flat_map(|t| t.latencies.iter().copied()).collect();
    latencies.sort();
    let errors: u64 = tallies.iter().map(|t| t.errors).sum();
    let found: u64 = tallies.iter().map(|t| t.found).sum();
    let mut statuses = std::collections::BTreeMap::new();
    for t in &tallies {
        for (s, n) in &t.statuses {
            *statuses.entry(*s).or_insert(0u64) += n;
        }
    }
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1000.0
    };
    let answered = latencies.len() as u64 - statuses.iter().filter(|(s, _)| **s != 200).map(|(_, n)| n).sum::<u64>();
    println!("questions in the mix: {} ({} connections, {:.1} s)", qs.len(), o.connections, elapsed);
    println!("requests:  {}  statuses {:?}", latencies.len(), statuses);
    println!("answers/s: {:.0}  ({} answered, {} of them found)", answered as f64 / elapsed, answered, found);
    println!(
        "latency:   p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    println!("errors:    {errors}");
    if errors > 0 {
        std::process::exit(1);
    }
}
