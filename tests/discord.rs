//! planbot on Discord, end to end: the real `planbot discord` process (serenity + poise) against
//! the fake Discord of `fake_discord`, over real HTTP and a real WebSocket on 127.0.0.1.
//! Every test starts its own fake and bot and stops both; every wait is bounded.

mod fake_discord;
#[allow(dead_code)]
mod util;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};

use fake_discord::{Captured, Fake, Who, BOT_ID, CHANNEL, GUILD, MANAGE_GUILD, MEMBER};
use serde_json::{json, Value};

/// The token the bot runs with; it must appear in no log line.
const CANARY: &str = "CANARY.planbot-secret-token_5f3a9c0e";

const CITIZEN: Who = Who::Member { user: 100_000_000_000_000_001, permissions: MEMBER };
const STAFF: Who = Who::Member { user: 100_000_000_000_000_002, permissions: MANAGE_GUILD };

/// One index of the bundled data for all tests (the bots only read it).
fn shared_index() -> &'static Path {
    static INDEX: OnceLock<tempfile::TempDir> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let paths = planbot::index::Paths { data: util::data_dir(), index: dir.path().to_path_buf() };
            planbot::index::open(&paths).unwrap();
            dir
        })
        .path()
}

/// A running `planbot discord`, killed when dropped.
struct Bot {
    child: Child,
    log: Arc<Mutex<String>>,
    /// A test that makes the bot panic on purpose (a damaged index) checks the log itself.
    allow_panics: bool,
    store: PathBuf,
    _dir: tempfile::TempDir,
}

impl Bot {
    async fn start(fake: &Fake) -> Bot {
        Bot::start_with(fake, &util::data_dir(), shared_index(), "info").await
    }

    async fn start_with(fake: &Fake, data: &Path, index: &Path, log_level: &str) -> Bot {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("planbot.sqlite3");
        let mut child = Command::new(env!("CARGO_BIN_EXE_planbot"))
            .arg("--data")
            .arg(data)
            .arg("--index")
            .arg(index)
            .args(["discord", "--guild", &GUILD.to_string(), "--store"])
            .arg(&store)
            .env("DISCORD_TOKEN", CANARY)
            .env("PLANBOT_DISCORD_API", fake.url())
            .env("RUST_LOG", log_level)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        for mut stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let log = log.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    log.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let bot = Bot { child, log, allow_panics: false, store, _dir: dir };
        tokio::select! {
            _ = fake.wait_ready() => {}
            _ = tokio::time::sleep(std::time::Duration::from_secs(90)) => panic!("bot not ready: {}", bot.log()),
        }
        bot
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Every test is also a canary test: the token never reaches the log.
        let log = self.log();
        if !std::thread::panicking() {
            assert!(!log.contains(CANARY), "the token leaked into the log:\n{log}");
            let panicked = log.contains("panicked") || log.contains("内部エラー（panic）");
            assert!(self.allow_panics || !panicked, "the bot panicked:\n{log}");
        }
    }
}

/// The message the bot sent for an interaction: the webhook follow-up after a defer, or the
/// callback itself.
async fn reply_to(fake: &Fake, token: &str) -> Captured {
    let t = token.to_string();
    fake.wait_for("a reply to the interaction", move |c| {
        c.path.contains(&format!("/{t}")) && fake_discord::message_of(c).is_some()
    })
    .await
}

fn embed(c: &Captured) -> &Value {
    &fake_discord::message_of(c).unwrap()["embeds"][0]
}

fn field<'a>(e: &'a Value, name: &str) -> &'a str {
    e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .and_then(|f| f["value"].as_str())
        .unwrap_or_else(|| panic!("no field {name} in {e:#}"))
}

fn text_of(c: &Captured) -> String {
    fake_discord::message_of(c).map(|m| m.to_string()).unwrap_or_default()
}

/// Every message payload pinged nobody.
fn assert_no_mentions(fake: &Fake) {
    let messages: Vec<Captured> =
        fake.captured().into_iter().filter(|c| fake_discord::message_of(c).is_some()).collect();
    assert!(!messages.is_empty());
    for c in messages {
        let m = fake_discord::message_of(&c).unwrap();
        assert_eq!(m["allowed_mentions"]["parse"], json!([]), "{} {}", c.path, m);
        assert_eq!(m["allowed_mentions"]["users"], json!([]), "{} {}", c.path, m);
        assert_eq!(m["allowed_mentions"]["roles"], json!([]), "{} {}", c.path, m);
    }
}

fn ask(question: &str) -> Vec<(&'static str, Value)> {
    vec![("質問", json!(question))]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_ask_answers_with_the_indicator_values_and_a_citation() {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake).await;
    let token = fake.command("ask", &ask("マイナンバーカード交付率の目標は？"), CITIZEN).await;
    let reply = reply_to(&fake, &token).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    let calls = fake.for_interaction(&token);
    assert_eq!(calls[0].body["type"], 5, "deferred first: {:?}", calls[0]);
    let e = embed(&reply);
    assert_eq!(e["title"], "本庄市 マイナンバーカードの交付率");
    assert!(e["description"].as_str().unwrap().contains("100.0%"));
    assert_eq!(field(e, "現状値"), "36.1%");
    assert_eq!(field(e, "目標値"), "100.0%");
    let sources = field(e, "出典");
    assert!(sources.contains("`data/plans/002_ce2878ebb8c6f072.txt:633`"), "{sources}");
    assert!(sources.contains("マイナンバーカードの交付率 36.1"), "{sources}");
    assert!(e["footer"]["text"].as_str().unwrap().starts_with("出典: 本庄市 総合計画 後期基本計画"));
    let buttons = &fake_discord::message_of(&reply).unwrap()["components"][0]["components"];
    assert!(buttons[0]["custom_id"].as_str().unwrap().starts_with("fb:up:"));
    assert!(buttons[1]["custom_id"].as_str().unwrap().starts_with("fb:down:"));
    assert_no_mentions(&fake);
    // The whole exchange, for the README and for anyone debugging the fake.
    if let Ok(path) = std::env::var("PLANBOT_DISCORD_EXCHANGE") {
        let interaction = fake.sent().into_iter().find(|f| f["t"] == "INTERACTION_CREATE").unwrap();
        let replies: Vec<Value> = calls
            .iter()
            .map(|c| json!({"method": c.method, "path": c.path, "status": c.status, "body": c.body}))
            .collect();
        let exchange = json!({"received": interaction, "sent": replies});
        std::fs::write(path, serde_json::to_string_pretty(&exchange).unwrap()).unwrap();
    }
    drop(bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_an_indicator_answer_carries_its_chart_as_a_png() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake).await;
    let token = fake.command("ask", &ask("市税現年収納率の目標は？"), CITIZEN).await;
    let reply = reply_to(&fake, &token).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(embed(&reply)["image"]["url"], "attachment://chart.png", "{:#}", embed(&reply));
    let (name, png) = reply.files.first().unwrap_or_else(|| panic!("no attachment: {reply:?}"));
    assert_eq!(name, "chart.png");
    let image = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
    let size = |px: f64| (px * 2.0) as u32;
    let (w, h) = (size(planbot::chart::WIDTH), size(planbot::chart::HEIGHT + planbot::chart::TITLE_HEIGHT));
    assert_eq!((image.width(), image.height()), (w, h));

    // An answer that is not an indicator's has no chart.
    let token = fake.command("ask", &ask("小諸市の人材育成の担当課は？"), CITIZEN).await;
    let reply = reply_to(&fake, &token).await;
    assert!(reply.files.is_empty() && embed(&reply).get("image").is_none(), "{reply:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_private_ask_is_ephemeral() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake).await;
    let options = vec![("質問", json!("経常収支比率の目標は？")), ("非公開", json!(true))];
    let token = fake.command("ask", &options, STAFF).await;
    let reply = reply_to(&fake, &token).await;
    let calls = fake.for_interaction(&token);
    assert_eq!((calls[0].body["type"].as_u64(), calls[0].body["data"]["flags"].as_u64()), (Some(5), Some(64)));
    assert_eq!(reply.body["flags"], 64, "{:?}", reply.body);
    assert!(text_of(&reply).contains("92.7%以内"));
    let options = vec![("質問", json!("経常収支比率の目標は？")), ("自治体", json!("架空市"))];
    let token = fake.command("ask", &options, STAFF).await;
    let reply = text_of(&reply_to(&fake, &token).await);
    assert!(reply.contains("「架空市」の計画は登録されていません") && reply.contains("小諸市"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_mention_and_dm_are_answered_and_other_messages_ignored() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake).await;
    fake.message("マイナンバーカード交付率の目標は？", vec![], CITIZEN).await;
    let content = format!("<@{BOT_ID}> 経常収支比率の目標は？");
    fake.message(&content, vec![fake_discord::bot_user()], CITIZEN).await;
    let in_channel =
        fake.wait_for("a reply in the channel", |c| c.path.ends_with(&format!("/channels/{CHANNEL}/messages"))).await;
    assert_eq!(in_channel.status, 200);
    let e = embed(&in_channel);
    assert!(e["description"].as_str().unwrap().contains("92.7%以内"), "{e:#}");
    assert!(field(e, "出典").contains("002_ce2878ebb8c6f072.txt"));
    let dm_channel = fake
        .message("石岡市のマイナンバーカード申請率の目標は？", vec![], Who::Dm { user: 100_000_000_000_000_009 })
        .await;
    let in_dm =
        fake.wait_for("a reply to the DM", |c| c.path.ends_with(&format!("/channels/{dm_channel}/messages"))).await;
    assert!(text_of(&in_dm).contains("40.2%"), "{}", text_of(&in_dm));
    let channel_replies =
        fake.captured().iter().filter(|c| c.path.ends_with(&format!("/channels/{CHANNEL}/messages"))).count();
    assert_eq!(channel_replies, 1, "the message without a mention was not answered");
    assert_no_mentions(&fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_target_autocomplete_returns_matching_indicators_and_answers_the_choice() {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake).await;
    let token = fake.autocomplete("target", "指標", "交付", CITIZEN).await;
    let choices = fake.wait_for("autocomplete choices", |c| c.path.contains(&token)).await;
    assert_eq!(choices.status, 204, "{:?}", choices.body);
    assert_eq!(choices.body["type"], 8);
    let list = choices.body["data"]["choices"].as_array().unwrap().clone();
    assert!(!list.is_empty() && list.len() <= 25);
    assert!(list.iter().all(|c| c["name"].as_str().unwrap().contains("交付")), "{list:#?}");
    let card = list.iter().find(|c| c["name"].as_str().unwrap().starts_with("マイナンバーカードの交付率")).unwrap();
    assert!(card["name"].as_str().unwrap().contains("本庄市"));
    assert!(list.iter().all(|c| c["value"].as_str().unwrap().len() <= 100));

    let empty = fake.autocomplete("target", "指標", "", CITIZEN).await;
    let all = fake.wait_for("autocomplete choices", |c| c.path.contains(&empty)).await;
    assert_eq!(all.body["data"]["choices"].as_array().unwrap().len(), 25, "Discord's maximum");

    let token = fake.command("target", &[("指標", card["value"].clone())], CITIZEN).await;
    let reply = reply_to(&fake, &token).await;
    let e = embed(&reply);
    assert_eq!((field(e, "現状値"), field(e, "目標値")), ("36.1%", "100.0%"));
    assert!(field(e, "出典").contains("002_ce2878ebb8c6f072.txt:633"));
    let report = planbot::store::Store::open(&bot.store).unwrap().report(None, 10).unwrap();
    assert!(report.most_asked[0].question.starts_with("マイナンバーカードの交付率（本庄市"), "{report:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_setup_then_a_question_without_a_city_is_answered_for_that_city() {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake).await;
    let setup = fake.command("setup", &[("自治体", json!("石岡"))], STAFF).await;
    let done = reply_to(&fake, &setup).await;
    assert!(text_of(&done).contains("石岡市 にしました"), "{}", text_of(&done));
    let store = planbot::store::Store::open(&bot.store).unwrap();
    assert_eq!(store.server_municipality(&GUILD.to_string()).unwrap().as_deref(), Some("石岡市"));

    let here = fake.command("ask", &ask("将来負担比率の目標は？"), CITIZEN).await;
    let here = text_of(&reply_to(&fake, &here).await);
    assert!(here.contains("18.0%未満") && here.contains("004_5ed662ad728e0498.txt"), "{here}");
    assert!(!here.contains("19.5%以内"), "本庄市 is not asked about: {here}");
    let elsewhere = fake.command("ask", &ask("将来負担比率の目標は？"), Who::OtherServer { user: 5 }).await;
    let elsewhere = text_of(&reply_to(&fake, &elsewhere).await);
    assert!(elsewhere.contains("19.5%以内"), "a server without /setup asks every city: {elsewhere}");
    let named = fake.command("ask", &ask("本庄市の将来負担比率の目標は？"), CITIZEN).await;
    let named = text_of(&reply_to(&fake, &named).await);
    assert!(named.contains("19.5%以内") && !named.contains("18.0%未満"), "a city in the question wins: {named}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_a_question_with_everyone_pings_nobody() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake).await;
    let hostile = "@everyone @here <@123456789012345678> <@&223456789012345678> マイナンバーカード交付率の目標は？";
    let token = fake.command("ask", &ask(hostile), CITIZEN).await;
    let answer = text_of(&reply_to(&fake, &token).await);
    assert!(answer.contains("100.0%"), "the pings are not part of the question: {answer}");
    let content = format!("<@{BOT_ID}> @everyone経常収支比率の目標は？ <@&223456789012345678>");
    fake.message(&content, vec![fake_discord::bot_user()], CITIZEN).await;
    let answer = text_of(&fake.wait_for("a reply in the channel", |c| c.path.ends_with("/messages")).await);
    assert!(answer.contains("92.7%以内"), "{answer}");
    let nothing = fake.command("ask", &ask("@everyone"), CITIZEN).await;
    reply_to(&fake, &nothing).await;
    assert_no_mentions(&fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_hostile_questions_get_bounded_safe_answers() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake).await;
    let long = "あ".repeat(100_000);
    let digits = "9".repeat(5_000);
    let hostile = [
        "\u{0}\u{7}\u{1b}[31m制御文字\u{0}",
        "\u{202E}マイナンバーカード交付率の目標は？\u{202C}",
        "<script>alert(1)</script>",
        "[公式](http://evil.example) マイナンバーカード交付率の目標は？",
        digits.as_str(),
        "What is the target for My Number card issuance?",
        "' OR 1=1; DROP TABLE asked; --",
        "$(rm -rf /) `reboot`",
        "title:交付率 AND (目標 OR *)",
        long.as_str(),
    ];
    let mut tokens = Vec::new();
    for (i, q) in hostile.iter().enumerate() {
        // One user each: this is not about the cooldown.
        tokens.push(fake.command("ask", &ask(q), Who::Member { user: 300 + i as u64, permissions: MEMBER }).await);
    }
    fake.message(&format!("<@{BOT_ID}> {long}"), vec![fake_discord::bot_user()], CITIZEN).await;
    for token in &tokens {
        let reply = reply_to(&fake, token).await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        let text = text_of(&reply);
        assert!(!text.contains("検索中に問題") && !text.contains("panicked"), "{text}");
    }
    let mention = fake.wait_for("a reply to the long mention", |c| c.path.ends_with("/messages")).await;
    assert_eq!(mention.status, 200);
    assert!(fake.captured().iter().all(|c| c.status != 400));
    assert_no_mentions(&fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_an_over_long_answer_is_kept_within_the_limits() {
    // A plan whose catalog title alone is over every embed limit, and a question of 500
    // characters: the answer, its citations, footer and plan list would all overflow.
    let project = util::TempProject::with_bundled_data();
    let long_title = format!("本庄市 {}", "とても長い名前の計画😀".repeat(700));
    std::fs::copy(
        project.root.join("data/plans/002_ce2878ebb8c6f072.txt"),
        project.root.join("data/plans/900_long.txt"),
    )
    .unwrap();
    let mut catalog = std::fs::read_to_string(project.root.join("data/catalog.toml")).unwrap();
    catalog.push_str(&format!(
        "\n[[document]]\nfile = \"plans/900_long.txt\"\nmunicipality = \"本庄市\"\ntitle = \"{long_title}\"\n"
    ));
    project.write("data/catalog.toml", &catalog);
    let fake = Fake::start().await;
    let _bot = Bot::start_with(&fake, &project.root.join("data"), &project.root.join("index"), "info").await;
    let found = fake.command("ask", &ask("マイナンバーカード交付率の目標は？"), CITIZEN).await;
    let missing = fake.command("ask", &ask(&format!("{}の予算は？", "ふしぎ😀".repeat(160))), CITIZEN).await;
    for token in [found, missing] {
        let reply = reply_to(&fake, &token).await;
        assert_eq!(
            reply.status,
            200,
            "the fake rejected it: {}",
            fake_discord::over_limits(fake_discord::message_of(&reply).unwrap()).unwrap_or_default()
        );
        let text = text_of(&reply);
        assert!(text.contains("省略") || text.contains('…'), "shortened with a note: {text}");
    }
    assert!(fake.captured().iter().all(|c| c.status != 400));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_cooldown_answers_the_sixth_question_in_ten_seconds_politely() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake).await;
    let mut tokens = Vec::new();
    for _ in 0..6 {
        tokens.push(fake.command("ask", &ask("経常収支比率の目標は？"), CITIZEN).await);
    }
    let other = fake.command("ask", &ask("経常収支比率の目標は？"), STAFF).await;
    let mut polite = 0;
    for token in tokens.iter().chain([&other]) {
        let reply = reply_to(&fake, token).await;
        let text = text_of(&reply);
        if text.contains("10 秒に 5 問") {
            polite += 1;
            assert_eq!(reply.body["data"]["flags"], 64, "only the asker sees it");
        } else {
            assert!(text.contains("92.7%以内"), "{text}");
        }
    }
    assert_eq!(polite, 1, "one question over the limit, from one user");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_thumbs_down_is_recorded_and_shown_by_planbot_report() {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake).await;
    let token = fake.command("ask", &ask("マイナンバーカード交付率の目標は？"), CITIZEN).await;
    let reply = reply_to(&fake, &token).await;
    let down = fake_discord::message_of(&reply).unwrap()["components"][0]["components"][1]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let missing = fake.command("ask", &ask("市営プールの営業時間は？"), CITIZEN).await;
    reply_to(&fake, &missing).await;
    let click = fake.click(&down, CITIZEN).await;
    let thanks = reply_to(&fake, &click).await;
    assert_eq!(thanks.body["data"]["flags"], 64);
    assert!(text_of(&thanks).contains("ありがとうございます"));

    let report = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_planbot"))
            .args(["report", "--format", format, "--store"])
            .arg(&bot.store)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let md = report("md");
    let voted_down = md.split("## 👎").nth(1).unwrap();
    assert!(voted_down.contains("| 1 | マイナンバーカード交付率の目標は？ |"), "{md}");
    let not_found = md.split("## 計画に答えがなかった質問").nth(1).unwrap().split("##").next().unwrap();
    assert!(not_found.contains("市営プールの営業時間は？") && !not_found.contains("交付率"), "{md}");
    assert!(report("csv").contains("voted_down,1,\"マイナンバーカード交付率の目標は？\""));
    // The store keeps a salted hash of the user, never the id.
    let wal = bot.store.with_extension("sqlite3-wal");
    for file in [bot.store.clone(), wal] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&bytes).contains("100000000000000001"), "{}", file.display());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_setup_and_reindex_are_refused_without_manage_server() {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake).await;
    for (command, options) in [("setup", vec![("自治体", json!("小諸市"))]), ("reindex", vec![])] {
        let token = fake.command(command, &options, CITIZEN).await;
        let reply = reply_to(&fake, &token).await;
        assert_eq!(reply.body["type"], 4, "answered at once, not deferred");
        assert_eq!(reply.body["data"]["flags"], 64);
        assert!(text_of(&reply).contains("サーバーの管理権限"), "{}", text_of(&reply));
    }
    let store = planbot::store::Store::open(&bot.store).unwrap();
    assert_eq!(store.server_municipality(&GUILD.to_string()).unwrap(), None);
    assert!(!bot.log().contains("索引を作り直しました"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_reindex_swaps_in_the_new_index_and_reports_what_changed() {
    let project = util::TempProject::with_bundled_data();
    let fake = Fake::start().await;
    let _bot = Bot::start_with(&fake, &project.root.join("data"), &project.root.join("index"), "info").await;
    let before = fake.command("ask", &ask("小諸市の市税現年収納率の目標は？"), CITIZEN).await;
    assert!(text_of(&reply_to(&fake, &before).await).contains("98.93%"));
    // 小諸市 revises a target: the new text must be what answers after /reindex.
    let file = project.root.join("data/plans/003_bd705e7a88c4c15c.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("98.93"));
    std::fs::write(&file, text.replace("98.93", "99.50")).unwrap();
    let token = fake.command("reindex", &[], STAFF).await;
    let during = fake.command("ask", &ask("経常収支比率の目標は？"), CITIZEN).await;
    assert!(text_of(&reply_to(&fake, &during).await).contains("92.7%以内"), "answering goes on during a reindex");
    let report = text_of(&reply_to(&fake, &token).await);
    assert!(report.contains("索引を作り直しました") && report.contains("文書: 5 → 5"), "{report}");
    let order: Vec<String> = fake.captured().into_iter().map(|c| c.path).collect();
    let answered = order.iter().position(|p| p.contains(&format!("/webhooks/{}/{during}", fake_discord::APP_ID)));
    let rebuilt = order.iter().position(|p| p.contains(&format!("/webhooks/{}/{token}", fake_discord::APP_ID)));
    assert!(answered < rebuilt, "the question was answered before the rebuild finished: {order:#?}");
    let after = fake.command("ask", &ask("小諸市の市税現年収納率の目標は？"), Who::OtherServer { user: 77 }).await;
    let after = text_of(&reply_to(&fake, &after).await);
    assert!(after.contains("99.50%") && !after.contains("98.93%"), "{after}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_the_bot_resumes_after_the_gateway_drops_and_answers_the_next_interaction() {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake).await;
    fake.drop_gateway().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while fake.resumes() == 0 {
        assert!(std::time::Instant::now() < deadline, "the bot did not resume: {}", bot.log());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(fake.identifies(), 1, "resumed, not identified again");
    let token = fake.command("ask", &ask("マイナンバーカード交付率の目標は？"), CITIZEN).await;
    assert!(text_of(&reply_to(&fake, &token).await).contains("100.0%"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_the_token_canary_is_absent_from_all_logs() {
    // The most verbose logging, a malformed gateway payload, a dropped connection and a failing
    // API call: the token appears nowhere in what the bot writes.
    let fake = Fake::start().await;
    let bot = Bot::start_with(&fake, &util::data_dir(), shared_index(), "trace,tantivy=info,lindera=info").await;
    fake.raw("{not json").await;
    fake.dispatch("INTERACTION_CREATE", json!({"id": "1", "type": 2, "bogus": true})).await;
    fake.drop_gateway().await;
    let token = fake.command("ask", &ask("マイナンバーカード交付率の目標は？"), CITIZEN).await;
    reply_to(&fake, &token).await;
    // Discord refusing the token ends the bot, with an error that does not show it.
    fake.close_gateway(4004).await;
    let mut bot = bot;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = bot.child.try_wait().unwrap() {
            break status;
        }
        assert!(std::time::Instant::now() < deadline, "the bot did not stop: {}", bot.log());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    std::thread::sleep(std::time::Duration::from_millis(200)); // the log readers drain the pipes
    let log = bot.log();
    assert_eq!(status.code(), Some(3), "{log}");
    assert!(log.contains("Discord との接続が終わりました"), "{log}");
    assert!(log.contains("TRACE") || log.contains("DEBUG"), "verbose logging was on");
    assert!(fake.captured().iter().any(|c| c.path.contains("/interactions/")));
    assert!(!log.contains(CANARY));
    drop(bot); // checks the whole log once more
}

#[test]
fn discord_a_missing_or_empty_token_stops_with_a_clear_message_and_exit_2() {
    for token in [None, Some(""), Some("  "), Some("bad token\u{7}")] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_planbot"));
        cmd.args(["--index", "/nonexistent/never-built", "discord"]).env_remove("DISCORD_TOKEN");
        if let Some(t) = token {
            cmd.env("DISCORD_TOKEN", t);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("トークン"), "{err}");
        assert!(!err.contains("bad token"), "{err}");
    }
}

// ------------------------------------------------------------------ issue 8: beyond the defects

/// The segment files of the generation an index folder serves.
fn segment_files(index: &Path) -> Vec<PathBuf> {
    let generation = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    std::fs::read_dir(index.join(generation.trim()))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().as_bytes().get(32) == Some(&b'.'))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_a_plan_holding_mentions_and_markup_pings_nobody() {
    // Document text is not the user's: a plan may itself say @everyone or <@&id>.
    let project = util::TempProject::empty();
    project.write(
        "data/plans/hostile.txt",
        "# 安全安心計画\n\n| 指標名 | 現状値 | 目標値 |\n|---|---|---|\n\
         | 避難所の開設訓練@everyone <@&223456789012345678> <script>x</script>の回数 | 3回 | 10回 |\n",
    );
    let fake = Fake::start().await;
    let _bot = Bot::start_with(&fake, &project.root.join("data"), &project.root.join("index"), "info").await;
    let token = fake.command("ask", &ask("避難所の開設訓練の回数の目標は？"), CITIZEN).await;
    let text = text_of(&reply_to(&fake, &token).await);
    assert!(text.contains("10回"), "{text}");
    fake.message(&format!("<@{BOT_ID}> 避難所の開設訓練の回数は？"), vec![fake_discord::bot_user()], CITIZEN).await;
    fake.wait_for("a reply in the channel", |c| c.path.ends_with("/messages")).await;
    assert_no_mentions(&fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_a_search_failing_under_the_bot_is_a_polite_reply_with_no_internals_or_token() {
    // The index is damaged under the running bot (a disk fault): tantivy fails or panics inside
    // the command's search. The citizen gets an apology, the log one line, the token nowhere.
    let project = util::TempProject::with_bundled_data();
    let index = project.root.join("index");
    let fake = Fake::start().await;
    let mut bot = Bot::start_with(&fake, &project.root.join("data"), &index, "info").await;
    bot.allow_panics = true;
    let before = fake.command("ask", &ask("マイナンバーカード交付率の目標は？"), CITIZEN).await;
    assert!(text_of(&reply_to(&fake, &before).await).contains("100.0%"));
    // Garbage written in place over the postings, positions, fast fields and norms, keeping
    // the term dictionary and the stored records: the bot's memory maps see it (no size
    // changes), terms are still found, and what they point at is nonsense.
    for file in segment_files(&index) {
        let name = file.to_string_lossy().to_string();
        if [".idx", ".pos", ".fast", ".fieldnorm"].iter().any(|e| name.ends_with(e)) {
            let len = std::fs::metadata(&file).unwrap().len() as usize;
            let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
            std::io::Write::write_all(&mut f, &vec![0xA5u8; len]).unwrap();
        }
    }
    let mut replies = Vec::new();
    for (i, q) in
        ["マイナンバーカード交付率の目標は？", "経常収支比率の目標は？", "市税現年収納率の目標は？"].iter().enumerate()
    {
        let token = fake.command("ask", &ask(q), Who::Member { user: 500 + i as u64, permissions: MEMBER }).await;
        replies.push(text_of(&reply_to(&fake, &token).await));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = bot.log();
    for text in &replies {
        for internal in ["panicked", "tantivy", ".rs:", "検索中に問題が起きました:", "index/gen-"] {
            assert!(!text.contains(internal), "{internal:?} in a reply: {text}");
        }
    }
    assert!(
        replies.iter().any(|t| t.contains("いま計画を検索できません")),
        "a failed search is said politely: {replies:#?}\n{log}"
    );
    assert!(log.contains("検索中に問題が起きました"), "the log keeps the failure: {log}");
    // A panic is one line at the default level, without its message or place.
    for line in log.lines().filter(|l| l.contains("内部エラー（panic）")) {
        assert!(!line.contains(".rs:") && !line.contains("tantivy"), "{line}");
    }
    assert!(!log.contains("panicked at"), "{log}");
    assert!(!log.contains(CANARY), "{log}");
}

#[test]
fn discord_a_refused_connection_to_discord_never_shows_the_token() {
    // Nothing listens where the bot is told Discord is: every request fails to connect. The
    // most verbose logging shows HTTP clients' own lines, where an Authorization header could be.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let store = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .arg("--index")
        .arg(shared_index())
        .arg("--data")
        .arg(util::data_dir())
        .args(["discord", "--guild", &GUILD.to_string()])
        .env("DISCORD_TOKEN", CANARY)
        .env("PLANBOT_DISCORD_API", &url)
        .env("PLANBOT_STORE", store.path().join("planbot.sqlite3"))
        .env("RUST_LOG", "trace,tantivy=info,lindera=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The bot keeps trying (Discord may be back in a moment): let it fail for a while.
    std::thread::sleep(std::time::Duration::from_secs(8));
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(log.contains(url.trim_start_matches("http://")), "the bot tried to connect:\n{log}");
    assert!(!log.contains(CANARY), "the token leaked:\n{log}");
    assert!(!log.contains("panicked") && !log.contains("内部エラー（panic）"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_reindex_under_load_answers_every_question_from_the_old_or_the_new_index() {
    // Citizens keep asking while staff run /reindex on a changed document: no question fails,
    // and each answer (text and quoted line) is wholly the old figure or wholly the new one.
    let project = util::TempProject::with_bundled_data();
    let fake = Fake::start().await;
    let _bot = Bot::start_with(&fake, &project.root.join("data"), &project.root.join("index"), "info").await;
    let question = "小諸市の市税現年収納率の目標は？";
    let file = project.root.join("data/plans/003_bd705e7a88c4c15c.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("98.93", "99.50")).unwrap();
    let reindex = fake.command("reindex", &[], STAFF).await;
    let done = |fake: &Fake| fake.for_interaction(&reindex).iter().any(|c| fake_discord::message_of(c).is_some());
    let mut asked = Vec::new();
    // One user per question (the cooldown is not under test), until the reindex has replied
    // and a few more after it.
    let (mut after, deadline) = (0, std::time::Instant::now() + std::time::Duration::from_secs(120));
    while after < 3 && std::time::Instant::now() < deadline {
        if done(&fake) {
            after += 1;
        }
        let who = Who::Member { user: 700 + asked.len() as u64, permissions: MEMBER };
        asked.push(fake.command("ask", &ask(question), who).await);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    let (mut old, mut new, mut failed) = (0, 0, Vec::new());
    for token in &asked {
        let reply = reply_to(&fake, token).await;
        let e = embed(&reply);
        let all = text_of(&reply);
        match (all.contains("98.93%"), all.contains("99.50%")) {
            (true, false) => old += 1,
            (false, true) => new += 1,
            _ => failed.push(format!("{}: {}", reply.status, e)),
        }
    }
    eprintln!("discord reindex under load: {} questions, {old} old, {new} new, {} failed", asked.len(), failed.len());
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(new >= 3, "the new index answers once swapped in ({old} old, {new} new)");
    let report = text_of(&reply_to(&fake, &reindex).await);
    assert!(report.contains("索引を作り直しました"), "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_kill_9_during_reindex_leaves_an_index_the_next_start_answers_from() {
    // The bot killed at moments of its /reindex (the build, the swap): the next `planbot ask`
    // answers from the documents as they are, and no half generation is left to pile up.
    let project = util::TempProject::with_bundled_data();
    let (data, index) = (project.root.join("data"), project.root.join("index"));
    let file = data.join("plans/003_bd705e7a88c4c15c.txt");
    let figures = ["98.93", "99.50"];
    for (round, delay_ms) in [150u64, 600, 1500].into_iter().enumerate() {
        let fake = Fake::start().await;
        let mut bot = Bot::start_with(&fake, &data, &index, "info").await;
        let (from, to) = (figures[round % 2], figures[1 - round % 2]);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace(from, to)).unwrap();
        fake.command("reindex", &[], STAFF).await;
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
        bot.child.kill().unwrap(); // SIGKILL
        let _ = bot.child.wait();
        let (code, out, err) = util::run(&project, &["ask", "小諸市の市税現年収納率の目標は？"]);
        assert!(code == 0 && out.contains(&format!("{to}%")), "round {round}: exit {code}\n{out}{err}");
        let generations = std::fs::read_dir(&index)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
            .count();
        assert!(generations <= 2, "round {round}: {generations} generations left");
    }
}

/// `/target` autocomplete and the chosen row come from the index, not from a list of every
/// indicator (issue 12): a name in any document is offered, names starting with the typed text
/// come first, letters that are not together in a name offer nothing, and a choice's key reads
/// its row back.
#[test]
fn discord_target_autocomplete_reads_the_index() {
    use planbot::surface::discord::plans::{indicator_key, Plans};
    let paths = planbot::index::Paths { data: util::data_dir(), index: shared_index().to_path_buf() };
    let plans = Plans::open(&paths).unwrap();
    let counted =
        plans.documents.iter().map(|d| plans.engine.index().records_in(&d.file, "indicator", None).unwrap().len());
    assert_eq!(plans.indicators, counted.sum::<usize>());

    let choices = plans.indicator_choices("ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ");
    assert!(!choices.is_empty() && choices.len() <= 25, "{choices:?}");
    assert!(choices.iter().all(|(label, _)| label.contains("マイナンバーカード")), "{choices:?}");
    let (_, key) = choices.iter().find(|(label, _)| label.starts_with("マイナンバーカードの交付率（本庄市")).unwrap();
    let row = plans.indicator(key).unwrap();
    assert!(row.source.file.ends_with("002_ce2878ebb8c6f072.txt") && row.line == 633, "{row:?}");
    assert_eq!(&indicator_key(&row), key);
    assert!(plans.indicator("ind:0000000000000000:633").is_none());
    assert!(plans.indicator("ind:not a key").is_none());

    // The last document's indicators are found as well as the first one's.
    let last = plans
        .documents
        .iter()
        .rev()
        .find_map(|d| plans.engine.index().records_in(&d.file, "indicator", None).unwrap().into_iter().last());
    let last = last.unwrap();
    let name = last.body.name();
    let typed: String = name.chars().take(6).collect();
    let offered = plans.indicator_choices(&typed);
    assert!(offered.iter().any(|(_, k)| *k == indicator_key(&last)) || offered.len() == 25, "{typed}: {offered:?}");
    assert!(offered.iter().all(|(label, _)| label.contains(&typed)), "{offered:?}");

    // 交付 and 率 are both in 交付率, but 率交付 is in no name.
    assert!(plans.indicator_choices("率交付").is_empty());
    assert_eq!(plans.indicator_choices("").len(), 25);
}
