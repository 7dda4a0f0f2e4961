//! A fake Discord on 127.0.0.1 for the end-to-end tests: the HTTP routes serenity and poise
//! call, and a WebSocket gateway (HELLO, IDENTIFY → READY, RESUME → RESUMED, heartbeats).
//! Every request is captured; message payloads over any of Discord's limits get 400, as
//! Discord answers them.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::mpsc;

pub const APP_ID: u64 = 900_000_000_000_000_001;
pub const BOT_ID: u64 = 900_000_000_000_000_001;
pub const GUILD: u64 = 800_000_000_000_000_001;
pub const CHANNEL: u64 = 700_000_000_000_000_001;
/// Manage Server.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// Send Messages and View Channel: an ordinary member.
pub const MEMBER: u64 = (1 << 11) | (1 << 10);

/// One HTTP request the bot made, with the status the fake gave it.
#[derive(Debug, Clone)]
pub struct Captured {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub status: u16,
    /// Files of a multipart request (attachments): (file name, bytes).
    pub files: Vec<(String, Vec<u8>)>,
}

enum Cmd {
    Dispatch(String, Value),
    Raw(String),
    Close(u16),
}

struct Shared {
    port: u16,
    captured: Mutex<Vec<Captured>>,
    /// Every gateway frame the fake sent, in order.
    sent: Mutex<Vec<Value>>,
    gateway: Mutex<Option<mpsc::UnboundedSender<Cmd>>>,
    seq: AtomicU64,
    identifies: AtomicUsize,
    resumes: AtomicUsize,
    ids: AtomicU64,
}

pub struct Fake {
    shared: Arc<Shared>,
}

impl Fake {
    pub async fn start() -> Fake {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            port,
            captured: Mutex::new(Vec::new()),
            sent: Mutex::new(Vec::new()),
            gateway: Mutex::new(None),
            seq: AtomicU64::new(0),
            identifies: AtomicUsize::new(0),
            resumes: AtomicUsize::new(0),
            ids: AtomicU64::new(1),
        });
        let app = Router::new().route("/ws", get(gateway)).fallback(api).with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Fake { shared }
    }

    /// The API base the bot is pointed at (`PLANBOT_DISCORD_API`).
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.shared.port)
    }

    pub fn captured(&self) -> Vec<Captured> {
        self.shared.captured.lock().unwrap().clone()
    }

    /// The gateway frames sent to the bot so far (HELLO, READY, dispatches).
    pub fn sent(&self) -> Vec<Value> {
        self.shared.sent.lock().unwrap().clone()
    }

    pub fn identifies(&self) -> usize {
        self.shared.identifies.load(Ordering::SeqCst)
    }

    pub fn resumes(&self) -> usize {
        self.shared.resumes.load(Ordering::SeqCst)
    }

    /// Waits until the bot has identified and registered its commands.
    pub async fn wait_ready(&self) {
        self.wait_for("command registration", |c| c.method == "PUT" && c.path.ends_with("/commands")).await;
    }

    /// Waits (at most 60 s) for a request matching `pred`, and returns it.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&Captured) -> bool) -> Captured {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(c) = self.captured().into_iter().find(|c| pred(c)) {
                return c;
            }
            if Instant::now() > deadline {
                let seen: Vec<String> = self.captured().iter().map(|c| format!("{} {}", c.method, c.path)).collect();
                panic!("the bot never sent {what}; it sent: {seen:#?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends a dispatch event (op 0) on the current gateway connection.
    pub async fn dispatch(&self, event: &str, data: Value) {
        self.send(Cmd::Dispatch(event.to_string(), data)).await
    }

    /// Sends a raw text frame (for malformed payloads).
    pub async fn raw(&self, text: &str) {
        self.send(Cmd::Raw(text.to_string())).await
    }

    /// Closes the gateway connection as Discord does when it drops one (close code 4000).
    pub async fn drop_gateway(&self) {
        self.close_gateway(4000).await
    }

    /// Closes the gateway connection with a close code (4004: authentication failed).
    pub async fn close_gateway(&self, code: u16) {
        self.send(Cmd::Close(code)).await;
        *self.shared.gateway.lock().unwrap() = None;
    }

    async fn send(&self, cmd: Cmd) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut cmd = Some(cmd);
        while Instant::now() < deadline {
            let tx = self.shared.gateway.lock().unwrap().clone();
            if let Some(tx) = tx {
                if let Err(e) = tx.send(cmd.take().unwrap()) {
                    cmd = Some(e.0);
                } else {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no gateway connection to send on");
    }

    /// A fresh snowflake.
    pub fn id(&self) -> u64 {
        600_000_000_000_000_000 + self.shared.ids.fetch_add(1, Ordering::SeqCst)
    }

    /// The requests that answered one interaction (callback and webhook follow-ups).
    pub fn for_interaction(&self, token: &str) -> Vec<Captured> {
        self.captured().into_iter().filter(|c| c.path.contains(&format!("/{token}"))).collect()
    }
}

pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({"id": id.to_string(), "username": name, "discriminator": "0", "global_name": name,
           "avatar": null, "bot": bot, "public_flags": 0})
}

pub fn bot_user() -> Value {
    user(BOT_ID, "planbot", true)
}

/// Who sends an interaction or a message.
#[derive(Clone, Copy)]
pub enum Who {
    /// A member of the test server with these permissions.
    Member { user: u64, permissions: u64 },
    /// Another server, where no /setup was made.
    OtherServer { user: u64 },
    /// A direct message.
    Dm { user: u64 },
}

impl Who {
    fn user(self) -> u64 {
        match self {
            Who::Member { user, .. } | Who::OtherServer { user } | Who::Dm { user } => user,
        }
    }

    fn place(self, v: &mut Value) {
        let member = |permissions: u64| {
            json!({"user": user(self.user(), "citizen", false), "roles": [], "nick": null, "avatar": null,
                   "joined_at": "2025-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0,
                   "pending": false, "permissions": permissions.to_string()})
        };
        match self {
            Who::Member { permissions, .. } => {
                v["guild_id"] = json!(GUILD.to_string());
                v["member"] = member(permissions);
                v["context"] = json!(0);
            }
            Who::OtherServer { .. } => {
                v["guild_id"] = json!((GUILD + 1).to_string());
                v["member"] = member(MEMBER);
                v["context"] = json!(0);
            }
            Who::Dm { user: u } => {
                v["user"] = user(u, "citizen", false);
                v["context"] = json!(1);
            }
        }
    }
}

impl Fake {
    /// An INTERACTION_CREATE of `kind` (2 command, 3 component, 4 autocomplete); returns its token.
    pub async fn interaction(&self, kind: u8, data: Value, who: Who, message: Option<Value>) -> String {
        let id = self.id();
        let token = format!("itoken-{id}");
        let mut v = json!({
            "id": id.to_string(), "application_id": APP_ID.to_string(), "type": kind, "token": token,
            "version": 1, "data": data, "channel_id": CHANNEL.to_string(), "locale": "ja",
            "app_permissions": "2251799813685247", "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD.to_string()},
            "attachment_size_limit": 26_214_400
        });
        if matches!(who, Who::Member { .. } | Who::OtherServer { .. }) {
            v["guild_locale"] = json!("ja");
        }
        if let Some(m) = message {
            v["message"] = m;
        }
        who.place(&mut v);
        self.dispatch("INTERACTION_CREATE", v).await;
        token
    }

    /// A slash command with string/bool options given as (name, value).
    pub async fn command(&self, name: &str, options: &[(&str, Value)], who: Who) -> String {
        let options: Vec<Value> = options
            .iter()
            .map(|(n, v)| json!({"name": n, "type": if v.is_boolean() { 5 } else { 3 }, "value": v}))
            .collect();
        let data = json!({"id": self.id().to_string(), "name": name, "type": 1, "options": options});
        self.interaction(2, data, who, None).await
    }

    /// Autocomplete of `option` of `command`, with `typed` so far.
    pub async fn autocomplete(&self, command: &str, option: &str, typed: &str, who: Who) -> String {
        let data = json!({"id": self.id().to_string(), "name": command, "type": 1,
                          "options": [{"name": option, "type": 3, "value": typed, "focused": true}]});
        self.interaction(4, data, who, None).await
    }

    /// A click on a button of a message the bot sent.
    pub async fn click(&self, custom_id: &str, who: Who) -> String {
        let message = message_json(self.id(), CHANNEL, bot_user(), "", json!([]));
        let data = json!({"custom_id": custom_id, "component_type": 2});
        self.interaction(3, data, who, Some(message)).await
    }

    /// A MESSAGE_CREATE from a user: in the test server (mentioning whom `mentions` says) or a DM.
    pub async fn message(&self, content: &str, mentions: Vec<Value>, who: Who) -> u64 {
        let id = self.id();
        let channel = match who {
            Who::Dm { .. } => CHANNEL + 100,
            _ => CHANNEL,
        };
        let mut v = message_json(id, channel, user(who.user(), "citizen", false), content, json!(mentions));
        if let Who::Member { .. } = who {
            v["guild_id"] = json!(GUILD.to_string());
            v["member"] = json!({"roles": [], "joined_at": "2025-01-01T00:00:00.000000+00:00",
                                 "deaf": false, "mute": false, "flags": 0});
        }
        self.dispatch("MESSAGE_CREATE", v).await;
        channel
    }
}

pub fn message_json(id: u64, channel: u64, author: Value, content: &str, mentions: Value) -> Value {
    json!({"id": id.to_string(), "channel_id": channel.to_string(), "author": author, "content": content,
           "timestamp": "2026-01-01T00:00:00.000000+00:00", "edited_timestamp": null, "tts": false,
           "mention_everyone": false, "mentions": mentions, "mention_roles": [], "attachments": [],
           "embeds": [], "pinned": false, "type": 0, "flags": 0, "components": []})
}

/// The message a payload would create: a callback's `data` (types 4 and 7) or the body itself.
pub fn message_of(c: &Captured) -> Option<&Value> {
    let m = if c.path.ends_with("/callback") {
        match c.body["type"].as_u64() {
            Some(4) | Some(7) => &c.body["data"],
            _ => return None,
        }
    } else {
        &c.body
    };
    (m.get("content").is_some() || m.get("embeds").is_some()).then_some(m)
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// What Discord would reject in a message payload, if anything.
pub fn over_limits(m: &Value) -> Option<String> {
    if chars(&m["content"]) > 2000 {
        return Some("content over 2000".into());
    }
    let embeds = m["embeds"].as_array().cloned().unwrap_or_default();
    if embeds.len() > 10 {
        return Some("more than 10 embeds".into());
    }
    let mut total = 0;
    for e in &embeds {
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        if chars(&e["title"]) > 256 || chars(&e["description"]) > 4096 || fields.len() > 25 {
            return Some("embed title, description or field count over the limit".into());
        }
        if chars(&e["footer"]["text"]) > 2048 {
            return Some("footer over 2048".into());
        }
        for f in &fields {
            let (n, v) = (chars(&f["name"]), chars(&f["value"]));
            if n == 0 || v == 0 || n > 256 || v > 1024 {
                return Some(format!("field name {n} / value {v} out of range"));
            }
            total += n + v;
        }
        total += chars(&e["title"]) + chars(&e["description"]) + chars(&e["footer"]["text"]);
    }
    (total > 6000).then(|| format!("embeds total {total} over 6000"))
}

fn autocomplete_problem(body: &Value) -> Option<String> {
    let choices = body["data"]["choices"].as_array()?;
    if choices.len() > 25 {
        return Some(format!("{} choices", choices.len()));
    }
    choices
        .iter()
        .find(|c| !(1..=100).contains(&chars(&c["name"])) || chars(&c["value"]) > 100)
        .map(|c| format!("choice out of range: {c}"))
}

async fn api(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let content_type =
        request.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let bytes = axum::body::to_bytes(request.into_body(), 16 << 20).await.unwrap_or_default();
    // A message with attachments comes as multipart: the JSON in `payload_json`, then the files.
    let (body, files) = match content_type.split_once("boundary=") {
        Some((kind, boundary)) if kind.starts_with("multipart/") => multipart(&bytes, boundary.trim_matches('"')),
        _ => (serde_json::from_slice(&bytes).unwrap_or(Value::Null), Vec::new()),
    };
    let mut captured = Captured { method: method.clone(), path: path.clone(), body: body.clone(), status: 200, files };
    let problem = message_of(&captured).and_then(over_limits).or_else(|| {
        if path.ends_with("/callback") {
            autocomplete_problem(&body)
        } else {
            None
        }
    });
    let response = if let Some(problem) = problem {
        captured.status = 400;
        (StatusCode::BAD_REQUEST, Json(json!({"message": format!("Invalid Form Body: {problem}"), "code": 50035})))
            .into_response()
    } else {
        route(&shared, &method, &path, &body)
    };
    if captured.status != 400 {
        captured.status = response.status().as_u16();
    }
    shared.captured.lock().unwrap().push(captured);
    response
}

/// The `payload_json` part and the files of a multipart/form-data body.
fn multipart(bytes: &[u8], boundary: &str) -> (Value, Vec<(String, Vec<u8>)>) {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut body = Value::Null;
    let mut files = Vec::new();
    for part in split(bytes, &delimiter).into_iter().skip(1) {
        let Some(end_of_headers) = find(part, b"\r\n\r\n") else { continue };
        let headers = String::from_utf8_lossy(&part[..end_of_headers]);
        let content = part[end_of_headers + 4..].strip_suffix(b"\r\n").unwrap_or(&part[end_of_headers + 4..]);
        let param = |key: &str| {
            let at = headers.find(&format!("{key}=\""))? + key.len() + 2;
            Some(headers[at..at + headers[at..].find('"')?].to_string())
        };
        match (param("name"), param("filename")) {
            (_, Some(filename)) => files.push((filename, content.to_vec())),
            (Some(name), None) if name == "payload_json" => {
                body = serde_json::from_slice(content).unwrap_or(Value::Null)
            }
            _ => {}
        }
    }
    (body, files)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut bytes: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = find(bytes, delimiter) {
        parts.push(&bytes[..at]);
        bytes = &bytes[at + delimiter.len()..];
    }
    parts.push(bytes);
    parts
}

fn route(shared: &Shared, method: &str, path: &str, body: &Value) -> Response {
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let new_message = |channel: u64| {
        let id = 500_000_000_000_000_000 + shared.ids.fetch_add(1, Ordering::SeqCst);
        let content = body["content"].as_str().unwrap_or("");
        Json(message_json(id, channel, bot_user(), content, json!([]))).into_response()
    };
    match (method, parts.as_slice()) {
        ("GET", ["gateway"]) => Json(json!({"url": format!("ws://127.0.0.1:{}/ws", shared.port)})).into_response(),
        ("GET", ["gateway", "bot"]) => Json(json!({
            "url": format!("ws://127.0.0.1:{}/ws", shared.port), "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        }))
        .into_response(),
        ("PUT", ["applications", _, "commands"]) | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            Json(json!([])).into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["webhooks", _, _]) | ("PATCH", ["webhooks", _, _, "messages", _]) => new_message(CHANNEL),
        ("POST", ["channels", channel, "messages"]) => new_message(channel.parse().unwrap_or(CHANNEL)),
        ("POST", ["channels", _, "typing"]) => StatusCode::NO_CONTENT.into_response(),
        _ => (StatusCode::NOT_FOUND, Json(json!({"message": "Unknown", "code": 0}))).into_response(),
    }
}

async fn gateway(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| session(socket, shared))
}

async fn session(mut socket: WebSocket, shared: Arc<Shared>) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let send = |v: Value| Message::Text(v.to_string().into());
    // A short heartbeat interval, so a dead connection is noticed within the tests' time.
    if socket.send(send(json!({"op": 10, "d": {"heartbeat_interval": 3000}, "s": null, "t": null}))).await.is_err() {
        return;
    }
    let dispatch = |shared: &Shared, t: &str, d: Value| {
        let s = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({"op": 0, "t": t, "s": s, "d": d});
        shared.sent.lock().unwrap().push(frame.clone());
        send(frame)
    };
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(Message::Text(text))) = incoming else {
                    match incoming {
                        Some(Ok(_)) => continue,
                        _ => return,
                    }
                };
                let v: Value = serde_json::from_str(text.as_str()).unwrap_or(Value::Null);
                let reply = match v["op"].as_u64() {
                    Some(2) => {
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        *shared.gateway.lock().unwrap() = Some(tx.clone());
                        let mut me = bot_user();
                        me["verified"] = json!(true);
                        me["mfa_enabled"] = json!(false);
                        me["flags"] = json!(0);
                        Some(dispatch(&shared, "READY", json!({
                            "v": 10, "user": me, "guilds": [], "session_id": "fake-session",
                            "resume_gateway_url": format!("ws://127.0.0.1:{}/ws", shared.port),
                            "shard": [0, 1], "application": {"id": APP_ID.to_string(), "flags": 0},
                            "private_channels": [], "relationships": [], "presences": []
                        })))
                    }
                    Some(6) => {
                        shared.resumes.fetch_add(1, Ordering::SeqCst);
                        *shared.gateway.lock().unwrap() = Some(tx.clone());
                        Some(dispatch(&shared, "RESUMED", json!({})))
                    }
                    Some(1) => Some(send(json!({"op": 11}))),
                    _ => None,
                };
                if let Some(reply) = reply {
                    if socket.send(reply).await.is_err() {
                        return;
                    }
                }
            }
            cmd = rx.recv() => {
                let frame = match cmd {
                    Some(Cmd::Dispatch(t, d)) => dispatch(&shared, &t, d),
                    Some(Cmd::Raw(text)) => Message::Text(text.into()),
                    Some(Cmd::Close(code)) => {
                        let close = CloseFrame { code, reason: "fake Discord closes the connection".into() };
                        let _ = socket.send(Message::Close(Some(close))).await;
                        return;
                    }
                    None => {
                        let close = CloseFrame { code: 4000, reason: "fake Discord drops the connection".into() };
                        let _ = socket.send(Message::Close(Some(close))).await;
                        return;
                    }
                };
                if socket.send(frame).await.is_err() {
                    return;
                }
            }
        }
    }
}
