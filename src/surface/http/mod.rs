//! The web surface (issue 10): the HTTP API and the chat page, served by axum on tokio.
//!
//! [`app`] is the whole service as a `Router` (tested in-process with `oneshot`); [`serve`] runs
//! it on a listener with the limits a public endpoint needs: header-read timeout, request and
//! body timeouts, a concurrency limit, a body limit, graceful shutdown. Every error leaves as
//! JSON with a Japanese message ([`AppError`]); internal details only go to the log.

mod api;
mod metrics;
mod page;
mod recorder;
pub mod reload;

use std::future::Future;
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router};
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::answer::Engine;
use crate::index::Paths;
use crate::store::Store;

pub use api::{with_municipality, MAX_QUESTION_CHARS};
pub use metrics::Metrics;
pub use reload::Served;

/// Largest request body accepted (a question is at most a few KB of UTF-8).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The limits of one server; tests shorten the timeouts.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time to receive a request's headers (slow clients must not hold connections).
    pub header_timeout: Duration,
    /// Time for a whole request: receiving its body (a stalled upload is cut off) and answering.
    pub request_timeout: Duration,
    /// Requests handled at once; more wait up to `queue_timeout`, then get a 503.
    pub concurrency: usize,
    pub queue_timeout: Duration,
    /// How long shutdown waits for requests in flight.
    pub grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(15),
            concurrency: 256,
            queue_timeout: Duration::from_secs(2),
            grace: Duration::from_secs(20),
        }
    }
}

/// Everything the handlers share.
pub struct AppState {
    /// The generation being answered from, swapped by [`reload`]; a request clones the `Arc`
    /// once (see [`AppState::served`]).
    served: RwLock<Arc<Served>>,
    /// Where the documents and the index are, for reloads; `None`: never reload.
    paths: Option<Paths>,
    pub store: Arc<Store>,
    recorder: recorder::Recorder,
    pub metrics: Metrics,
    pub limits: Limits,
    slots: Semaphore,
}

impl AppState {
    /// A state serving `served`, reloading from `paths` when given (see [`reload::spawn`]).
    pub fn new(served: Served, paths: Option<Paths>, store: Store, limits: Limits) -> AppState {
        let slots = Semaphore::new(limits.concurrency.max(1));
        let store = Arc::new(store);
        let recorder = recorder::Recorder::start(store.clone());
        AppState {
            served: RwLock::new(Arc::new(served)),
            paths,
            store,
            recorder,
            metrics: Metrics::default(),
            limits,
            slots,
        }
    }

    /// Serves `engine` (opened from `paths`) and opens the store. Reads no document: the
    /// municipality list and indicator count come from the index.
    pub fn open(engine: Engine, paths: &Paths, store_path: &Path, limits: Limits) -> Result<AppState> {
        let store = Store::open(store_path)?;
        let generation = reload::current(&paths.index)?
            .with_context(|| format!("{} を読めません", paths.index.join("CURRENT").display()))?;
        Ok(AppState::new(Served::new(engine, generation)?, Some(paths.clone()), store, limits))
    }

    /// The generation being served now. Keep the `Arc` for the whole request: a reload swaps
    /// the state, never the inside of a `Served`.
    pub fn served(&self) -> Arc<Served> {
        // A poisoned lock only means a panic elsewhere while swapping an `Arc`: the value is whole.
        self.served.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Serves `served` from now on; requests under way keep the one they took.
    pub fn swap(&self, served: Served) {
        let old = std::mem::replace(&mut *self.served.write().unwrap_or_else(|e| e.into_inner()), Arc::new(served));
        // Dropped outside the lock: the last holder releases the old generation's files.
        drop(old);
    }
}

/// An error as the client sees it: a status and a Japanese message, as JSON.
#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub message: String,
}

impl AppError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> AppError {
        AppError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, message)
    }
}

/// Internal failures are logged in full and answered with a fixed message: no paths, no SQL.
impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> AppError {
        tracing::error!("internal error: {e:#}");
        AppError::new(StatusCode::INTERNAL_SERVER_ERROR, message_for(StatusCode::INTERNAL_SERVER_ERROR))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status, Json(api::ErrorBody { error: self.message })).into_response()
    }
}

/// The message of an error status that no handler explained (axum's own 404/405/413,
/// timeouts).
fn message_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "リクエストの形式が正しくありません。",
        404 => "そのページや API はありません。",
        405 => "この URL ではその方法（メソッド）は使えません。",
        408 => "時間内に処理できませんでした。もう一度お試しください。",
        413 => "リクエストが大きすぎます（16 KB まで）。",
        415 => "JSON（Content-Type: application/json）で送ってください。",
        422 => "JSON の項目が正しくありません。",
        503 => "混み合っています。少し待ってからもう一度お試しください。",
        _ => "サーバーで問題が起きました。しばらくしてからもう一度お試しください。",
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "planbot", description = "自治体の計画に、根拠の行つきで答える API"),
    tags((name = "api", description = "質問・指標・評価"), (name = "ops", description = "監視"), (name = "page", description = "チャット画面"))
)]
struct ApiDoc;

/// The service: API, page, metrics and OpenAPI document, with every layer but the
/// connection-level ones of [`serve`].
pub fn app(state: Arc<AppState>) -> Router {
    let (router, spec) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(api::ask_get, api::ask_post))
        .routes(routes!(api::indicators))
        .routes(routes!(api::municipalities))
        .routes(routes!(api::feedback))
        .routes(routes!(api::healthz))
        .routes(routes!(metrics::metrics))
        .routes(routes!(api::openapi))
        .routes(routes!(page::index))
        .routes(routes!(page::script))
        .routes(routes!(page::style))
        .split_for_parts();
    let spec = Arc::new(api::Spec(spec.to_pretty_json().unwrap_or_default()));
    let limits = state.limits.clone();
    router
        .fallback(|| async { AppError::new(StatusCode::NOT_FOUND, message_for(StatusCode::NOT_FOUND)) })
        .layer(Extension(spec))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(state.clone(), limit_concurrency))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request_timeout))
        .layer(middleware::from_fn(json_errors))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

/// The Content-Security-Policy of every response: the page loads only its own script and
/// style (no inline script, so injected markup cannot run), talks only to this server, and
/// cannot be framed.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// At most `concurrency` requests at once; a request that waits longer than `queue_timeout`
/// for a slot gets a 503 instead of piling up. Health and metrics bypass it: monitoring must
/// still see a saturated server.
async fn limit_concurrency(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if matches!(req.uri().path(), "/healthz" | "/metrics") {
        return next.run(req).await;
    }
    match tokio::time::timeout(state.limits.queue_timeout, state.slots.acquire()).await {
        Ok(Ok(_permit)) => next.run(req).await,
        _ => {
            AppError::new(StatusCode::SERVICE_UNAVAILABLE, message_for(StatusCode::SERVICE_UNAVAILABLE)).into_response()
        }
    }
}

/// Gives error responses that have no JSON body (axum's 405, a timeout's 408) one.
async fn json_errors(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = AppError::new(status, message_for(status)).into_response();
    let (body_parts, body) = body.into_parts();
    parts.headers.insert(header::CONTENT_TYPE, body_parts.headers[header::CONTENT_TYPE].clone());
    Response::from_parts(parts, body)
}

/// One log line and the metrics of every request. The path is logged without its query
/// string: the query holds the question, which is only logged at debug level.
async fn observe(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_string());
    let response = next.run(req).await;
    let elapsed = started.elapsed();
    let status = response.status();
    state.metrics.observe(route.as_deref().unwrap_or("unmatched"), status.as_u16(), elapsed);
    tracing::info!(
        method = %method,
        path = %truncate(&path, 200),
        status = status.as_u16(),
        latency_ms = format_args!("{:.2}", elapsed.as_secs_f64() * 1000.0),
        "request"
    );
    response
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and lets the
/// requests in flight finish (at most `limits.grace`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) -> Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection from {peer}: {e}");
            }
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    if tokio::time::timeout(limits.grace, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still running after {:?}; stopping anyway", limits.grace);
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
