//! Prometheus metrics of the web surface, in the text exposition format (hand-rolled: four
//! families do not need a client library).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::AppState;

/// Upper bounds of the latency histogram, in seconds: answers take about a millisecond.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Default)]
pub struct Metrics {
    /// (route, status) → count. The route is the matched pattern, never the raw path, so
    /// the label set stays small whatever clients send.
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
    found: AtomicU64,
    not_found: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, route: &str, status: u16, elapsed: Duration) {
        {
            let mut requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
            match requests.get_mut(&(route.to_string(), status)) {
                Some(n) => *n += 1,
                None => {
                    requests.insert((route.to_string(), status), 1);
                }
            }
        }
        let seconds = elapsed.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|&b| seconds <= b) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(elapsed.as_micros() as u64, Ordering::Relaxed);
    }

    pub fn answered(&self, found: bool) {
        let counter = if found { &self.found } else { &self.not_found };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition text.
    pub fn render(&self, generation: &str, indicators: usize) -> String {
        let mut out = String::new();
        out.push_str("# HELP planbot_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE planbot_http_requests_total counter\n");
        for ((route, status), n) in self.requests.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let _ = writeln!(out, "planbot_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}", label(route));
        }
        out.push_str("# HELP planbot_http_request_duration_seconds Time from request to response.\n");
        out.push_str("# TYPE planbot_http_request_duration_seconds histogram\n");
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(&self.buckets) {
            cumulative += n.load(Ordering::Relaxed);
            let _ = writeln!(out, "planbot_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "planbot_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}");
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "planbot_http_request_duration_seconds_sum {sum}");
        let _ = writeln!(out, "planbot_http_request_duration_seconds_count {count}");
        out.push_str("# HELP planbot_answers_total Answers given, by whether the plans held one.\n");
        out.push_str("# TYPE planbot_answers_total counter\n");
        let _ = writeln!(out, "planbot_answers_total{{found=\"true\"}} {}", self.found.load(Ordering::Relaxed));
        let _ = writeln!(out, "planbot_answers_total{{found=\"false\"}} {}", self.not_found.load(Ordering::Relaxed));
        out.push_str("# HELP planbot_index_info The index generation being served.\n");
        out.push_str("# TYPE planbot_index_info gauge\n");
        let _ = writeln!(out, "planbot_index_info{{generation=\"{}\"}} 1", label(generation));
        out.push_str("# HELP planbot_indicators Indicator records loaded.\n");
        out.push_str("# TYPE planbot_indicators gauge\n");
        let _ = writeln!(out, "planbot_indicators {indicators}");
        out
    }
}

/// A label value escaped as the exposition format requires.
fn label(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Prometheus metrics: requests by route and status, latency histogram, answers found and not
/// found, index generation.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "ops",
    responses((status = 200, description = "Prometheus テキスト形式", content_type = "text/plain"))
)]
pub async fn metrics(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let served = state.served();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(&served.generation, served.indicators),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative_and_end_at_the_count() {
        let m = Metrics::default();
        m.observe("/api/ask", 200, Duration::from_micros(300));
        m.observe("/api/ask", 200, Duration::from_millis(3));
        m.observe("/api/ask", 400, Duration::from_secs(9));
        m.answered(true);
        let text = m.render("gen-1", 5);
        assert!(text.contains("planbot_http_requests_total{route=\"/api/ask\",status=\"200\"} 2"));
        assert!(text.contains("planbot_http_requests_total{route=\"/api/ask\",status=\"400\"} 1"));
        assert!(text.contains("planbot_http_request_duration_seconds_bucket{le=\"0.0005\"} 1\n"));
        assert!(text.contains("planbot_http_request_duration_seconds_bucket{le=\"0.005\"} 2\n"));
        assert!(text.contains("planbot_http_request_duration_seconds_bucket{le=\"5\"} 2\n"));
        assert!(text.contains("planbot_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
        assert!(text.contains("planbot_answers_total{found=\"true\"} 1"));
        assert!(text.contains("planbot_index_info{generation=\"gen-1\"} 1"));
    }
}
