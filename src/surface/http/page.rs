//! The chat page, its script and its style, compiled into the binary (no CDN: it works
//! offline and on a closed network). The script and style are separate routes so the
//! Content-Security-Policy can forbid inline script.

use axum::http::header;
use axum::response::{Html, IntoResponse};

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// The Japanese chat page. `/?q=…` asks the question on load.
#[utoipa::path(get, path = "/", tag = "page", responses((status = 200, description = "チャット画面", content_type = "text/html")))]
pub async fn index() -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-cache")], Html(INDEX))
}

/// The page's script.
#[utoipa::path(get, path = "/app.js", tag = "page", responses((status = 200, description = "画面のスクリプト", content_type = "text/javascript")))]
pub async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], SCRIPT)
}

/// The page's style.
#[utoipa::path(get, path = "/app.css", tag = "page", responses((status = 200, description = "画面のスタイル", content_type = "text/css")))]
pub async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], STYLE)
}
