//! `/target`: one indicator's baseline and target, chosen by autocomplete over all indicators.

use std::time::Instant;

use poise::serenity_prelude as serenity;

use super::super::plans::indicator_label;
use super::super::{cooldown, Context, Error};

async fn indicators(ctx: Context<'_>, typed: &str) -> serenity::CreateAutocompleteResponse {
    let choices = ctx.data().plans().indicator_choices(typed);
    serenity::CreateAutocompleteResponse::new()
        .set_choices(choices.into_iter().map(|(label, key)| serenity::AutocompleteChoice::new(label, key)).collect())
}

/// 指標の現状値と目標値を調べます（入力すると候補が出ます）
#[poise::command(slash_command)]
pub async fn target(
    ctx: Context<'_>,
    #[rename = "指標"]
    #[description = "指標の名前（例: マイナンバーカードの交付率）"]
    #[autocomplete = "indicators"]
    #[max_length = 200]
    indicator: String,
) -> Result<(), Error> {
    let data = ctx.data();
    if let Err(wait) = data.cooldown.check(ctx.author().id.get(), Instant::now()) {
        super::super::reply_plain(ctx, &cooldown::message(&data.cooldown, wait)).await;
        return Ok(());
    }
    ctx.defer().await?;
    let plans = data.plans();
    let server = ctx.guild_id().map(|g| g.get());
    let user = ctx.author().id.get();
    // A chosen suggestion carries the row itself; typed text is asked as a target question.
    let (answer, id) = match plans.indicator(&indicator) {
        Some(record) => data.record(indicator_label(&record), plans.indicator_answer(&record), server, user).await?,
        None => data.answer(&format!("{}の目標値は？", indicator.trim()), None, server, user).await?,
    };
    let (embed, buttons) = data.reply(&answer, id.as_deref());
    let (embed, chart) = data.with_chart(&answer, embed).await;
    let mut reply = poise::CreateReply::default().embed(embed).components(buttons);
    if let Some(chart) = chart {
        reply = reply.attachment(chart);
    }
    ctx.send(reply).await?;
    Ok(())
}
