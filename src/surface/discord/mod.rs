//! planbot on Discord (serenity + poise): slash commands, mentions and DMs answered from the
//! same engine as the command line, feedback and questions kept in the shared [`Store`].
//!
//! Layout as poise's `basic_structure`: one [`Data`], one [`on_error`], the commands in
//! [`commands`], messages and button clicks in [`events`]; what can be a plain function
//! ([`embed`], [`plans`], [`cooldown`], [`secret`]) is one, and tested as one.

pub mod commands;
pub mod cooldown;
pub mod embed;
pub mod events;
pub mod plans;
pub mod secret;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context as _, Result};
use poise::serenity_prelude as serenity;

use crate::answer::Answer;
use crate::index::Paths;
use crate::store::{Asked, Store, Verdict};
use cooldown::Cooldown;
use plans::Plans;
use secret::Token;

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// Questions a user may ask per window before being asked to wait.
pub const COOLDOWN_QUESTIONS: usize = 5;
pub const COOLDOWN_WINDOW: Duration = Duration::from_secs(10);

/// What the bot is started with. Holds the token, so it has no `Debug`.
pub struct Settings {
    pub paths: Paths,
    /// The SQLite store shared with the web surface.
    pub store: PathBuf,
    pub token: Token,
    /// Register the commands on this server only (at once), instead of globally.
    pub guild: Option<u64>,
    /// Another base URL for Discord's HTTP API (`PLANBOT_DISCORD_API`): for the tests' fake
    /// Discord on 127.0.0.1. The gateway address is whatever that API's `/gateway` says.
    pub api: Option<String>,
}

/// The state every command and event shares.
pub struct Data {
    plans: RwLock<Arc<Plans>>,
    pub paths: Paths,
    pub store: Arc<Store>,
    pub cooldown: Cooldown,
    /// One `/reindex` at a time; answering goes on meanwhile.
    pub reindexing: tokio::sync::Mutex<()>,
}

impl Data {
    pub fn new(plans: Plans, paths: Paths, store: Store) -> Data {
        Data {
            plans: RwLock::new(Arc::new(plans)),
            paths,
            store: Arc::new(store),
            cooldown: Cooldown::new(COOLDOWN_QUESTIONS, COOLDOWN_WINDOW),
            reindexing: tokio::sync::Mutex::new(()),
        }
    }

    /// The plans as they are now; a question keeps its `Arc` while a reindex swaps in another,
    /// so every answer comes wholly from one index.
    pub fn plans(&self) -> Arc<Plans> {
        self.plans.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts a freshly built index in place, returning the one it replaces.
    pub fn swap(&self, plans: Plans) -> Arc<Plans> {
        let mut current = self.plans.write().unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut *current, Arc::new(plans))
    }

    /// Answers a question for a server and user, records it, and returns the answer with the
    /// id its feedback buttons carry (none when the store failed: the answer still goes out).
    /// Searching and SQLite block, so both run off the async threads.
    pub async fn answer(
        &self,
        question: &str,
        chosen: Option<&str>,
        server: Option<u64>,
        user: u64,
    ) -> Result<(Answer, Option<String>)> {
        let question = plans::clean_question(question);
        let chosen = chosen.map(str::to_string);
        let (plans, store) = (self.plans(), self.store.clone());
        tokio::task::spawn_blocking(move || {
            let server_default = match (&chosen, server) {
                (None, Some(s)) => store.server_municipality(&s.to_string()).unwrap_or_else(|e| {
                    tracing::warn!("サーバーの既定の自治体を読めません: {e:#}");
                    None
                }),
                _ => None,
            };
            let municipality =
                chosen.map(|c| plans.municipality(&c).map(str::to_string).unwrap_or(c)).or(server_default);
            let scoped = plans::scoped_question(&question, municipality.as_deref(), &plans.municipalities);
            // A failed search is an error of its own kind (AskError): `sorry` words it.
            let answer = plans.engine.answer(&scoped)?;
            Ok::<_, Error>(record(&store, &question, answer, server, user))
        })
        .await
        .context("答えを用意する処理が止まりました")?
    }

    /// Records an answer made without the engine's search (`/target` of a chosen row).
    pub async fn record(
        &self,
        question: String,
        answer: Answer,
        server: Option<u64>,
        user: u64,
    ) -> Result<(Answer, Option<String>)> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || record(&store, &question, answer, server, user))
            .await
            .context("質問を記録する処理が止まりました")
    }

    /// The chart of the answer's first indicator as a PNG attachment, and the embed showing it.
    /// Rendering takes a few milliseconds of CPU, so it runs off the async threads.
    pub async fn with_chart(
        &self,
        answer: &Answer,
        embed: serenity::CreateEmbed,
    ) -> (serenity::CreateEmbed, Option<serenity::CreateAttachment>) {
        let answer = answer.clone();
        match tokio::task::spawn_blocking(move || chart_png(&answer)).await.ok().flatten() {
            Some(png) => (
                embed.image(format!("attachment://{CHART_FILE}")),
                Some(serenity::CreateAttachment::bytes(png, CHART_FILE)),
            ),
            None => (embed, None),
        }
    }

    /// The embed and the 👍/👎 buttons of an answer.
    pub fn reply(
        &self,
        answer: &Answer,
        answer_id: Option<&str>,
    ) -> (serenity::CreateEmbed, Vec<serenity::CreateActionRow>) {
        let mut shown = answer.clone();
        for c in &mut shown.citations {
            c.file = shown_file(&c.file, &self.paths.data);
        }
        let embed = embed::answer_embed(&shown, &self.plans().titles()).to_serenity();
        (embed, feedback_buttons(answer_id))
    }
}

/// Records a question (as answered: cleaned of Discord markup) and its answer.
fn record(store: &Store, question: &str, answer: Answer, server: Option<u64>, user: u64) -> (Answer, Option<String>) {
    let server = server.map(|s| s.to_string());
    let user = user.to_string();
    let asked = Asked {
        surface: "discord",
        question,
        intent: &answer.intent,
        found: answer.found,
        answer: &answer.answer,
        server: server.as_deref(),
        user: Some(&user),
    };
    let id = store.record_question(&asked).map_err(|e| tracing::error!("質問を記録できません: {e:#}")).ok();
    tracing::info!(found = answer.found, intent = %answer.intent, "質問に答えました");
    (answer, id)
}

/// The file name of a chart attachment, which the embed's image refers to.
pub const CHART_FILE: &str = "chart.png";

/// The PNG chart of an indicator answer (its first hit with a chart), drawn by the one chart
/// module every surface shares; `None` for other answers and indicators without two numbers.
pub fn chart_png(answer: &Answer) -> Option<Vec<u8>> {
    if !answer.found {
        return None;
    }
    let chart = answer.hits.iter().find_map(|r| match &r.body {
        crate::ingest::Body::Indicator(i) => crate::chart::standalone(i),
        _ => None,
    })?;
    crate::chart::png(&chart.svg, 2.0).map_err(|e| tracing::warn!("グラフを描けません: {e:#}")).ok()
}

/// The 👍/👎 buttons under an answer (none when it could not be recorded).
pub fn feedback_buttons(answer_id: Option<&str>) -> Vec<serenity::CreateActionRow> {
    let Some(id) = answer_id else { return Vec::new() };
    vec![serenity::CreateActionRow::Buttons(vec![
        serenity::CreateButton::new(feedback_id(Verdict::Up, id))
            .label("役に立った")
            .emoji('👍')
            .style(serenity::ButtonStyle::Secondary),
        serenity::CreateButton::new(feedback_id(Verdict::Down, id))
            .label("役に立たなかった")
            .emoji('👎')
            .style(serenity::ButtonStyle::Secondary),
    ])]
}

/// A citation's file as a reader of the published plans knows it (`data/plans/…`), not as the
/// server's own path: relative to the folder that holds the data folder.
pub fn shown_file(file: &str, data: &Path) -> String {
    let base = data.parent().filter(|p| !p.as_os_str().is_empty());
    match base.and_then(|b| Path::new(file).strip_prefix(b).ok()) {
        Some(rel) => rel.to_string_lossy().into_owned(),
        None => file.to_string(),
    }
}

/// The custom id of a feedback button: `fb:up:<answer id>` / `fb:down:<answer id>`.
pub fn feedback_id(verdict: Verdict, answer_id: &str) -> String {
    match verdict {
        Verdict::Up => format!("fb:up:{answer_id}"),
        Verdict::Down => format!("fb:down:{answer_id}"),
    }
}

/// The verdict and answer id of a feedback button's custom id.
pub fn parse_feedback_id(custom_id: &str) -> Option<(Verdict, &str)> {
    let (verdict, id) = match custom_id.split_once(':')? {
        ("fb", rest) => rest.split_once(':')?,
        _ => return None,
    };
    let verdict = match verdict {
        "up" => Verdict::Up,
        "down" => Verdict::Down,
        _ => return None,
    };
    (!id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit())).then_some((verdict, id))
}

/// No one is ever pinged by the bot: not by @everyone or @here, a user or a role id in a
/// question echoed back, nor by a plan's text.
pub fn no_mentions() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
}

/// What users see when something failed inside: no internals, which go to the log.
pub const SORRY: &str =
    "申し訳ありません。答えを用意するあいだに問題が起きました。少し時間をおいて、もう一度お試しください。";
/// What users see when the plans could not be searched (a damaged index being rebuilt).
pub const SEARCH_SORRY: &str = "申し訳ありません。いま計画を検索できません。少し時間をおいて、もう一度お試しください。";

/// The polite message for an error: a failed search says so, anything else is [`SORRY`].
pub fn sorry(error: &Error) -> &'static str {
    if error.chain().any(|c| c.is::<crate::answer::AskError>()) {
        SEARCH_SORRY
    } else {
        SORRY
    }
}

/// Whether a member may change the server's settings (`/setup`, `/reindex`): Manage Server,
/// or Administrator. Discord sends the member's resolved permissions with each interaction.
pub fn may_manage(permissions: Option<serenity::Permissions>) -> bool {
    permissions.is_some_and(|p| p.manage_guild() || p.administrator())
}

pub const NOT_ALLOWED: &str = "このコマンドは、サーバーの管理権限（サーバー管理）を持つ人だけが使えます。";

/// The central error handler: users get plain Japanese, the log gets the details.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Setup { error, .. } => {
            tracing::error!("起動できませんでした: {error:#}");
            std::process::exit(i32::from(crate::surface::cli::EXIT_ERROR));
        }
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().name, "コマンドの処理に失敗しました: {error:#}");
            reply_plain(ctx, sorry(&error)).await;
        }
        poise::FrameworkError::ArgumentParse { ctx, .. } => {
            reply_plain(ctx, "入力を読み取れませんでした。/help で使い方をご覧ください。").await;
        }
        poise::FrameworkError::GuildOnly { ctx, .. } => {
            reply_plain(ctx, "このコマンドはサーバーの中で使ってください。").await;
        }
        poise::FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(event = event.snake_case_name(), "イベントの処理に失敗しました: {error:#}");
        }
        other => tracing::warn!("Discord の処理で問題が起きました: {other}"),
    }
}

/// A short private reply; failing to send it is only logged.
pub async fn reply_plain(ctx: Context<'_>, text: &str) {
    let reply = poise::CreateReply::default().content(embed::content(text)).ephemeral(true);
    if let Err(e) = ctx.send(reply).await {
        tracing::warn!("返信を送れませんでした: {e}");
    }
}

/// Serenity's HTTP client for the token, pointed at `api` when given (tests).
pub fn build_http(token: &Token, api: Option<&str>) -> Result<serenity::Http> {
    let mut builder = serenity::HttpBuilder::new(token.expose()).default_allowed_mentions(no_mentions());
    if let Some(api) = api {
        // serenity's ratelimiter would call discord.com directly; a system proxy must not
        // intercept a local fake.
        let client = reqwest::Client::builder().no_proxy().build().context("HTTP クライアントを作れません")?;
        builder = builder.proxy(api.trim_end_matches('/')).ratelimiter_disabled(true).client(client);
    }
    Ok(builder.build())
}

/// The serenity client with the poise framework, ready to `start()`.
pub async fn build_client(http: serenity::Http, data: Data, guild: Option<u64>) -> Result<serenity::Client> {
    let options = poise::FrameworkOptions {
        commands: commands::all(),
        on_error: |error| Box::pin(on_error(error)),
        event_handler: |framework, event| Box::pin(events::handle(framework, event)),
        allowed_mentions: Some(no_mentions()),
        reply_callback: Some(|_, reply| reply.allowed_mentions(no_mentions())),
        ..Default::default()
    };
    let framework = poise::Framework::builder()
        .options(options)
        // The owner lookup is one more API call for a feature planbot does not use.
        .initialize_owners(false)
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                match guild {
                    Some(g) => poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(g)).await?,
                    None => poise::builtins::register_globally(ctx, commands).await?,
                }
                tracing::info!(bot = %ready.user.name, "Discord に接続しました。質問を受け付けます");
                Ok(data)
            })
        })
        .build();
    // No privileged intent: Discord sends the text of messages that mention the bot, and of
    // DMs, without the message content intent.
    let intents = serenity::GatewayIntents::GUILDS
        | serenity::GatewayIntents::GUILD_MESSAGES
        | serenity::GatewayIntents::DIRECT_MESSAGES;
    serenity::ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .await
        .context("Discord のクライアントを作れません")
}

/// Runs the bot until it is stopped.
pub async fn run(settings: Settings) -> Result<()> {
    secret::hide(&settings.token);
    let store = Store::open(&settings.store)?;
    let paths = settings.paths.clone();
    let plans = tokio::task::spawn_blocking(move || Plans::open(&paths)).await??;
    tracing::info!(documents = plans.documents.len(), records = plans.records, "索引を開きました");
    let data = Data::new(plans, settings.paths.clone(), store);
    let http = build_http(&settings.token, settings.api.as_deref())?;
    let mut client = build_client(http, data, settings.guild).await?;
    let shards = client.shard_manager.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("終了します");
            shards.shutdown_all().await;
        }
    });
    client.start().await.context("Discord との接続が終わりました")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_ids_round_trip_and_reject_anything_else() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(parse_feedback_id(&feedback_id(Verdict::Down, id)), Some((Verdict::Down, id)));
        assert_eq!(parse_feedback_id(&feedback_id(Verdict::Up, id)), Some((Verdict::Up, id)));
        for bad in ["", "fb", "fb:up:", "fb:maybe:00", "xx:up:00", "fb:up:'; DROP TABLE asked"] {
            assert_eq!(parse_feedback_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn files_are_shown_relative_to_the_data_folders_parent() {
        let data = Path::new("/srv/city/data");
        assert_eq!(shown_file("/srv/city/data/plans/a.txt", data), "data/plans/a.txt");
        assert_eq!(shown_file("data/plans/a.txt", Path::new("data")), "data/plans/a.txt");
        assert_eq!(shown_file("/elsewhere/a.txt", data), "/elsewhere/a.txt");
    }

    #[test]
    fn only_managers_and_administrators_may_manage() {
        use poise::serenity_prelude::Permissions as P;
        assert!(may_manage(Some(P::MANAGE_GUILD | P::SEND_MESSAGES)));
        assert!(may_manage(Some(P::ADMINISTRATOR)));
        assert!(!may_manage(Some(P::SEND_MESSAGES | P::MANAGE_MESSAGES)));
        assert!(!may_manage(None));
    }
}
