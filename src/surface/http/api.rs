//! The API handlers: ask, indicators, municipalities, feedback, health and the OpenAPI
//! document. Each is annotated for utoipa, so the OpenAPI document is generated from them.

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{message_for, AppError, AppState, Served};
use crate::answer::{Answer, Citation};
use crate::ingest::{Body, Record};
use crate::store::Verdict;

/// The longest question the API accepts (the engine reads the first 500 characters of it).
pub const MAX_QUESTION_CHARS: usize = 1000;
/// Hits returned with an answer: enough for the cards, bounded whatever the engine finds.
const MAX_HITS: usize = 10;
const MAX_PER_PAGE: usize = 200;
/// Longest quote or passage text of a hit: a paragraph, not a chapter (issue 8: every field
/// of the JSON is bounded).
const MAX_HIT_TEXT: usize = 1000;

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// 日本語の説明
    pub error: String,
}

#[derive(Deserialize, IntoParams)]
pub struct AskQuery {
    /// 質問（1,000 文字まで）
    q: Option<String>,
    /// 自治体で絞る（質問に自治体名がないときに使います）
    municipality: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct AskBody {
    /// 質問（1,000 文字まで）
    question: String,
    /// 自治体で絞る（質問に自治体名がないときに使います）
    #[serde(default)]
    municipality: Option<String>,
}

/// The answer contract of DESIGN.md, plus `answer_id` (for feedback) and `charts`.
#[derive(Serialize, ToSchema)]
pub struct AskResponse {
    question: String,
    found: bool,
    intent: String,
    answer: String,
    citations: Vec<CitationOut>,
    /// 回答の根拠になった記録（指標・取組など; DESIGN.md の hits）
    #[schema(value_type = Vec<Object>)]
    hits: Vec<Record>,
    /// 👍/👎 を送るときの回答 ID（記録に失敗したときは null）
    answer_id: Option<String>,
    /// hits の指標のグラフ（SVG）
    charts: Vec<ChartOut>,
}

#[derive(Serialize, ToSchema)]
pub struct CitationOut {
    file: String,
    line: usize,
    line_end: usize,
    municipality: Option<String>,
    title: String,
    section: String,
    quote: String,
}

impl From<Citation> for CitationOut {
    fn from(c: Citation) -> CitationOut {
        let Citation { file, line, line_end, municipality, title, section, quote } = c;
        CitationOut { file, line, line_end, municipality, title, section, quote }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ChartOut {
    /// hits の何番目（0 から）の指標か
    hit: usize,
    /// bars（現状値→目標値）または line（年度ごとの目標）
    kind: String,
    /// グラフの内容を文章で
    alt: String,
    /// SVG 文書（文書由来の文字はすべてエスケープ済み）
    svg: String,
}

/// Names the filter's municipality in the question, unless the question already names a known
/// municipality: the engine reads municipalities from the question text.
pub fn with_municipality(question: &str, municipality: Option<&str>, known: &[String]) -> String {
    let Some(wanted) = municipality.map(str::trim).filter(|m| !m.is_empty()) else {
        return question.to_string();
    };
    let names_one = known.iter().any(|k| {
        let stem = k.strip_suffix(['市', '町', '村']).filter(|s| s.chars().count() >= 2).unwrap_or(k);
        question.contains(stem)
    });
    if names_one {
        question.to_string()
    } else {
        format!("{wanted} {question}")
    }
}

/// Checks a question and the municipality filter; returns what the engine should read.
fn prepare(served: &Served, question: &str, municipality: Option<&str>) -> Result<String, AppError> {
    let question = question.trim();
    if question.chars().all(|c| c.is_whitespace() || c.is_control()) {
        return Err(AppError::bad_request("質問が空です。例: マイナンバーカード交付率の目標は？"));
    }
    let length = question.chars().count();
    if length > MAX_QUESTION_CHARS {
        return Err(AppError::bad_request(format!(
            "質問が長すぎます（{length} 文字）。{MAX_QUESTION_CHARS} 文字以内にしてください。"
        )));
    }
    if let Some(m) = municipality.map(str::trim).filter(|m| !m.is_empty()) {
        if !served.municipalities.iter().any(|k| k == m) {
            return Err(AppError::bad_request(format!(
                "自治体「{}」の計画は登録されていません。登録されているのは {} です。",
                m.chars().take(40).collect::<String>(),
                served.municipalities.join("・")
            )));
        }
    }
    Ok(with_municipality(question, municipality, &served.municipalities))
}

/// Asks the engine `question` (the user's words with the filter's municipality) on the
/// blocking pool (a search is CPU work that must not stall the async workers), then has the
/// recorder store it for feedback. The answer echoes the user's own words, `typed`. `served`
/// is the generation the request took at its start: a reload meanwhile does not mix answers.
async fn answer(
    state: Arc<AppState>,
    served: Arc<Served>,
    typed: String,
    question: String,
) -> Result<Json<AskResponse>, AppError> {
    tracing::debug!(question = %question, "ask");
    let answer = tokio::task::spawn_blocking(move || {
        let answer = served.engine.answer(&question);
        (answer, question)
    });
    let (answer, question) = answer.await.map_err(|e| AppError::from(anyhow::anyhow!("ask task failed: {e}")))?;
    let answer = answer.map_err(search_failed)?;
    state.metrics.answered(answer.found);
    let record = super::recorder::Question {
        question,
        intent: answer.intent.clone(),
        found: answer.found,
        answer: answer.answer.clone(),
    };
    let answer_id = state.recorder.record(record).await;
    Ok(respond(Answer { question: typed, ..answer }, answer_id))
}

fn respond(answer: Answer, answer_id: Option<String>) -> Json<AskResponse> {
    let Answer { question, found, intent, answer, citations, mut hits } = answer;
    hits.truncate(MAX_HITS);
    for hit in &mut hits {
        bound(&mut hit.quote);
        if let Body::Passage(p) = &mut hit.body {
            bound(&mut p.text);
        }
    }
    let charts = hits
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.body {
            Body::Indicator(ind) => crate::chart::indicator(ind).map(|c| ChartOut {
                hit: i,
                kind: c.kind.to_string(),
                alt: c.alt,
                svg: c.svg,
            }),
            _ => None,
        })
        .collect();
    Json(AskResponse {
        question,
        found,
        intent,
        answer,
        citations: citations.into_iter().map(CitationOut::from).collect(),
        hits,
        answer_id,
        charts,
    })
}

/// A failed search is not "not found": 503, a Japanese message, the detail in the log only.
fn search_failed(e: crate::answer::AskError) -> AppError {
    tracing::error!("search failed: {e}: {:#}", e.detail());
    AppError::new(StatusCode::SERVICE_UNAVAILABLE, format!("{e}。しばらくしてからもう一度お試しください。"))
}

fn bound(text: &mut String) {
    if let Some((at, _)) = text.char_indices().nth(MAX_HIT_TEXT) {
        text.truncate(at);
        text.push('…');
    }
}

/// Answers a question given in the address (`/api/ask?q=…`), so an answer can be a link.
#[utoipa::path(
    get,
    path = "/api/ask",
    tag = "api",
    params(AskQuery),
    responses(
        (status = 200, description = "回答（DESIGN.md の回答形式。見つからないときも 200 で found: false）", body = AskResponse),
        (status = 400, description = "質問が空・長すぎる・未登録の自治体", body = ErrorBody)
    )
)]
pub async fn ask_get(
    State(state): State<Arc<AppState>>,
    query: Result<Query<AskQuery>, QueryRejection>,
) -> Result<Json<AskResponse>, AppError> {
    let Query(query) = query.map_err(|_| AppError::bad_request(message_for(StatusCode::BAD_REQUEST)))?;
    let question = query.q.unwrap_or_default();
    let served = state.served();
    let asked = prepare(&served, &question, query.municipality.as_deref())?;
    answer(state, served, question.trim().to_string(), asked).await
}

/// Answers a question sent as JSON.
#[utoipa::path(
    post,
    path = "/api/ask",
    tag = "api",
    request_body = AskBody,
    responses(
        (status = 200, description = "回答（DESIGN.md の回答形式。見つからないときも 200 で found: false）", body = AskResponse),
        (status = 400, description = "質問が空・長すぎる・未登録の自治体・JSON の誤り", body = ErrorBody),
        (status = 413, description = "本文が 16 KB を超える", body = ErrorBody),
        (status = 415, description = "JSON でない", body = ErrorBody)
    )
)]
pub async fn ask_post(
    State(state): State<Arc<AppState>>,
    body: Result<Json<AskBody>, JsonRejection>,
) -> Result<Json<AskResponse>, AppError> {
    let Json(body) = body.map_err(json_rejection)?;
    let served = state.served();
    let asked = prepare(&served, &body.question, body.municipality.as_deref())?;
    answer(state, served, body.question.trim().to_string(), asked).await
}

/// A JSON body that could not be read, explained in Japanese (axum's own text is English and
/// names internals).
fn json_rejection(rejection: JsonRejection) -> AppError {
    let status = rejection.status();
    let message = match &rejection {
        JsonRejection::JsonSyntaxError(_) => "JSON の書き方に誤りがあります。",
        JsonRejection::JsonDataError(_) => "JSON の項目が足りないか、型が違います（例: {\"question\": \"…\"}）。",
        JsonRejection::MissingJsonContentType(_) => message_for(StatusCode::UNSUPPORTED_MEDIA_TYPE),
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => message_for(StatusCode::PAYLOAD_TOO_LARGE),
        _ => message_for(StatusCode::BAD_REQUEST),
    };
    // Syntax and data errors are the client's: answer 400, whatever axum would say.
    let status = if status == StatusCode::UNPROCESSABLE_ENTITY { StatusCode::BAD_REQUEST } else { status };
    AppError::new(status, message)
}

#[derive(Deserialize, IntoParams)]
pub struct IndicatorsQuery {
    /// 自治体名（完全一致）
    municipality: Option<String>,
    /// 計画の題名またはファイル名の一部
    plan: Option<String>,
    /// 指標名・説明・施策名の一部
    text: Option<String>,
    /// ページ番号（1 から）
    page: Option<usize>,
    /// 1 ページの件数（1〜200、既定 50）
    per_page: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorsResponse {
    /// 条件に合う指標の総数
    total: usize,
    page: usize,
    per_page: usize,
    /// 指標の記録（ファイル・行つき）
    #[schema(value_type = Vec<Object>)]
    items: Vec<Record>,
}

/// Indicator records (成果指標・参考指標 …) with values, units, years and file:line, filtered
/// and paged.
#[utoipa::path(
    get,
    path = "/api/indicators",
    tag = "api",
    params(IndicatorsQuery),
    responses(
        (status = 200, description = "指標の一覧", body = IndicatorsResponse),
        (status = 400, description = "ページ指定の誤り", body = ErrorBody)
    )
)]
pub async fn indicators(
    State(state): State<Arc<AppState>>,
    query: Result<Query<IndicatorsQuery>, QueryRejection>,
) -> Result<Json<IndicatorsResponse>, AppError> {
    let Query(q) = query.map_err(|_| AppError::bad_request("page と per_page は 1 以上の整数で指定してください。"))?;
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(50);
    if page == 0 || per_page == 0 || per_page > MAX_PER_PAGE {
        return Err(AppError::bad_request(format!(
            "page は 1 以上、per_page は 1〜{MAX_PER_PAGE} で指定してください。"
        )));
    }
    let wanted = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(fold);
    let filter = Filter { municipality: wanted(&q.municipality), plan: wanted(&q.plan), text: wanted(&q.text) };
    let served = state.served();
    // Read from the index per request (issue 12: the records are not held in RAM), on the
    // blocking pool: it is tantivy work.
    let (total, items) = tokio::task::spawn_blocking(move || filter.page(&served, page, per_page))
        .await
        .map_err(|e| anyhow::anyhow!("indicators task failed: {e}"))??;
    Ok(Json(IndicatorsResponse { total, page, per_page, items }))
}

/// The filters of `/api/indicators`, folded.
struct Filter {
    municipality: Option<String>,
    plan: Option<String>,
    text: Option<String>,
}

impl Filter {
    /// (number of matching indicators, those of page `page`), in document and line order. One
    /// document's records are in memory at a time; only the page's are kept.
    fn page(&self, served: &Served, page: usize, per_page: usize) -> anyhow::Result<(usize, Vec<Record>)> {
        let index = served.engine.index();
        let skip = (page - 1).saturating_mul(per_page);
        let (mut total, mut items) = (0, Vec::new());
        for d in index.documents()? {
            // Municipality and plan belong to the document: skip its records unread.
            if self.municipality.as_ref().is_some_and(|m| d.municipality.as_deref().map(fold).as_ref() != Some(m)) {
                continue;
            }
            if self.plan.as_ref().is_some_and(|p| !(fold(&d.title).contains(p) || d.file.contains(p))) {
                continue;
            }
            for r in index.records_in(&d.file, "indicator", None)? {
                if self.text.as_ref().is_some_and(|t| !fold(&searchable(&r)).contains(t)) {
                    continue;
                }
                if total >= skip && items.len() < per_page {
                    items.push(r);
                }
                total += 1;
            }
        }
        Ok((total, items))
    }
}

/// Text filters compare NFKC-folded, lower-cased text: ｍａｉ and MAI find "mai".
fn fold(s: &str) -> String {
    crate::ingest::normalize::text(s).to_lowercase()
}

fn searchable(r: &Record) -> String {
    match &r.body {
        Body::Indicator(i) => {
            format!("{} {} {} {}", i.name, i.description.as_deref().unwrap_or(""), i.category, r.section.label())
        }
        _ => String::new(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct MunicipalitiesResponse {
    municipalities: Vec<String>,
}

/// The municipalities whose plans are loaded (the page's filter).
#[utoipa::path(
    get,
    path = "/api/municipalities",
    tag = "api",
    responses((status = 200, description = "登録されている自治体", body = MunicipalitiesResponse))
)]
pub async fn municipalities(State(state): State<Arc<AppState>>) -> Json<MunicipalitiesResponse> {
    Json(MunicipalitiesResponse { municipalities: state.served().municipalities.clone() })
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerdictIn {
    Up,
    Down,
}

#[derive(Deserialize, ToSchema)]
pub struct FeedbackBody {
    /// /api/ask が返した answer_id
    answer_id: String,
    /// up = 👍, down = 👎
    verdict: VerdictIn,
}

#[derive(Serialize, ToSchema)]
pub struct FeedbackResponse {
    recorded: bool,
}

/// Records 👍/👎 for an answer, in the store the Discord surface shares.
#[utoipa::path(
    post,
    path = "/api/feedback",
    tag = "api",
    request_body = FeedbackBody,
    responses(
        (status = 200, description = "記録しました", body = FeedbackResponse),
        (status = 400, description = "JSON の誤り", body = ErrorBody),
        (status = 404, description = "その回答 ID はありません", body = ErrorBody)
    )
)]
pub async fn feedback(
    State(state): State<Arc<AppState>>,
    body: Result<Json<FeedbackBody>, JsonRejection>,
) -> Result<Json<FeedbackResponse>, AppError> {
    let Json(body) = body.map_err(json_rejection)?;
    let verdict = match body.verdict {
        VerdictIn::Up => Verdict::Up,
        VerdictIn::Down => Verdict::Down,
    };
    let id = body.answer_id;
    if id.is_empty() || id.len() > 64 {
        return Err(AppError::new(StatusCode::NOT_FOUND, "その回答は見つかりません。"));
    }
    let recorded = tokio::task::spawn_blocking(move || state.store.record_feedback(&id, verdict, None))
        .await
        .map_err(|e| anyhow::anyhow!("feedback task failed: {e}"))??;
    if !recorded {
        return Err(AppError::new(StatusCode::NOT_FOUND, "その回答は見つかりません。"));
    }
    Ok(Json(FeedbackResponse { recorded }))
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    status: String,
    /// 使っている索引の世代
    generation: String,
    /// 指標の数
    indicators: usize,
}

/// Liveness and the index generation being served.
#[utoipa::path(get, path = "/healthz", tag = "ops", responses((status = 200, description = "稼働中", body = Health)))]
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    let served = state.served();
    Json(Health { status: "ok".into(), generation: served.generation.clone(), indicators: served.indicators })
}

/// The generated OpenAPI document, shared with the handler.
pub struct Spec(pub String);

/// This API's OpenAPI 3 document, generated from the handlers.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "ops",
    responses((status = 200, description = "OpenAPI 3 文書", content_type = "application/json"))
)]
pub async fn openapi(Extension(spec): Extension<Arc<Spec>>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], spec.0.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_failures_are_503_without_their_details() {
        let e = crate::answer::AskError::Search(anyhow::anyhow!("FileDoesNotExist(\"/srv/index/gen-1/x.pos\")"));
        let failed = search_failed(e);
        assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(failed.message.starts_with("検索中に問題が起きました"), "{}", failed.message);
        assert!(!failed.message.contains("/srv") && !failed.message.contains("FileDoesNotExist"));
    }

    #[test]
    fn hit_texts_are_bounded_on_a_character_boundary() {
        let mut long = "あ".repeat(MAX_HIT_TEXT + 5);
        bound(&mut long);
        assert_eq!(long.chars().count(), MAX_HIT_TEXT + 1);
        assert!(long.ends_with('…'));
        let mut short = "い".repeat(10);
        bound(&mut short);
        assert_eq!(short, "い".repeat(10));
    }

    #[test]
    fn the_filter_names_the_municipality_unless_the_question_does() {
        let known = vec!["本庄市".to_string(), "小諸市".to_string()];
        let q = "交付率の目標は？";
        assert_eq!(with_municipality(q, Some("本庄市"), &known), "本庄市 交付率の目標は？");
        assert_eq!(with_municipality(q, None, &known), q);
        assert_eq!(with_municipality(q, Some("  "), &known), q);
        assert_eq!(with_municipality("小諸市の交付率は？", Some("本庄市"), &known), "小諸市の交付率は？");
        assert_eq!(with_municipality("本庄の交付率は？", Some("本庄市"), &known), "本庄の交付率は？");
    }
}
