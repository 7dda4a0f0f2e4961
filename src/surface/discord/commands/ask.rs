//! `/ask`: a question to the plans, optionally for one municipality and privately.

use std::time::Instant;

use super::super::plans::{clean_question, cut};
use super::super::{cooldown, Context, Error};

/// 計画に質問します（例: マイナンバーカード交付率の目標は？）
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[rename = "質問"]
    #[description = "聞きたいこと（例: マイナンバーカード交付率の目標は？）"]
    #[max_length = 500]
    question: String,
    #[rename = "自治体"]
    #[description = "どの自治体の計画について聞くか（省略するとサーバーの既定、なければすべて）"]
    #[autocomplete = "super::municipalities"]
    municipality: Option<String>,
    #[rename = "非公開"]
    #[description = "自分だけに見える返事にします"]
    private: Option<bool>,
) -> Result<(), Error> {
    let private = private.unwrap_or(false);
    let data = ctx.data();
    if let Err(wait) = data.cooldown.check(ctx.author().id.get(), Instant::now()) {
        super::super::reply_plain(ctx, &cooldown::message(&data.cooldown, wait)).await;
        return Ok(());
    }
    if clean_question(&question).is_empty() {
        super::super::reply_plain(ctx, "質問が空です。例: /ask 質問: マイナンバーカード交付率の目標は？").await;
        return Ok(());
    }
    let plans = data.plans();
    if let Some(unknown) = municipality.as_deref().filter(|m| plans.municipality(m).is_none()) {
        let text = format!(
            "「{}」の計画は登録されていません。登録されている自治体: {}",
            cut(unknown.trim(), 100),
            plans.municipalities.join("・")
        );
        super::super::reply_plain(ctx, &text).await;
        return Ok(());
    }
    // Searching is quick, but a first question after a reindex may not be: Discord allows 3 s.
    if private {
        ctx.defer_ephemeral().await?;
    } else {
        ctx.defer().await?;
    }
    let server = ctx.guild_id().map(|g| g.get());
    let (answer, id) = data.answer(&question, municipality.as_deref(), server, ctx.author().id.get()).await?;
    let (embed, buttons) = data.reply(&answer, id.as_deref());
    let (embed, chart) = data.with_chart(&answer, embed).await;
    let mut reply = poise::CreateReply::default().embed(embed).components(buttons).ephemeral(private);
    if let Some(chart) = chart {
        reply = reply.attachment(chart);
    }
    ctx.send(reply).await?;
    Ok(())
}
