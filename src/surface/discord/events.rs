//! Gateway events beside slash commands: a mention of the bot or a direct message is answered
//! as `/ask`, and a click on 👍/👎 goes to the store.

use std::time::Instant;

use poise::serenity_prelude as serenity;

use super::{cooldown, embed, no_mentions, parse_feedback_id, plans, Data, Error, SORRY};
use crate::store::Verdict;

pub async fn handle(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &serenity::FullEvent,
) -> Result<(), Error> {
    let ctx = framework.serenity_context;
    let data = framework.user_data;
    match event {
        serenity::FullEvent::Message { new_message } => on_message(ctx, data, new_message).await,
        serenity::FullEvent::InteractionCreate { interaction: serenity::Interaction::Component(click) } => {
            on_click(ctx, data, click).await
        }
        serenity::FullEvent::Resume { .. } => {
            tracing::info!("Discord への接続を再開しました");
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Answers a DM, or a channel message that mentions the bot; ignores everything else.
async fn on_message(ctx: &serenity::Context, data: &Data, msg: &serenity::Message) -> Result<(), Error> {
    let bot = ctx.cache.current_user().id;
    if msg.author.bot || msg.author.id == bot {
        return Ok(());
    }
    let direct = msg.guild_id.is_none();
    let mentioned = msg.mentions.iter().any(|u| u.id == bot)
        || msg.content.contains(&format!("<@{bot}>"))
        || msg.content.contains(&format!("<@!{bot}>"));
    if !direct && !mentioned {
        return Ok(());
    }
    let question = plans::clean_question(&msg.content);
    let text = if question.trim().is_empty() {
        Some(super::commands::help::text(&data.plans()))
    } else if let Err(wait) = data.cooldown.check(msg.author.id.get(), Instant::now()) {
        Some(cooldown::message(&data.cooldown, wait))
    } else {
        None
    };
    let reply = serenity::CreateMessage::new().allowed_mentions(no_mentions()).reference_message(msg);
    let reply = match text {
        Some(text) => reply.content(embed::content(&text)),
        None => {
            let server = msg.guild_id.map(|g| g.get());
            match data.answer(&question, None, server, msg.author.id.get()).await {
                Ok((answer, id)) => {
                    let (embed, buttons) = data.reply(&answer, id.as_deref());
                    let plain = reply.clone().embed(embed.clone()).components(buttons.clone());
                    let (embed, chart) = data.with_chart(&answer, embed).await;
                    if let Some(chart) = chart {
                        let with_chart = reply.embed(embed).components(buttons).add_file(chart);
                        // Posting a file in a channel needs Attach Files, which a server may not
                        // give the bot: then the answer goes out without its chart.
                        match msg.channel_id.send_message(&ctx.http, with_chart).await {
                            Ok(_) => return Ok(()),
                            Err(e) => {
                                tracing::warn!("グラフを添付して送れませんでした（ファイル添付の権限がない？）: {e}")
                            }
                        }
                    }
                    plain
                }
                Err(e) => {
                    tracing::error!("メンションへの答えを用意できませんでした: {e:#}");
                    reply.content(super::sorry(&e))
                }
            }
        }
    };
    msg.channel_id.send_message(&ctx.http, reply).await?;
    Ok(())
}

/// A 👍/👎 click: recorded under the clicking user's salted hash, thanked privately.
async fn on_click(ctx: &serenity::Context, data: &Data, click: &serenity::ComponentInteraction) -> Result<(), Error> {
    let Some((verdict, answer_id)) = parse_feedback_id(&click.data.custom_id) else {
        return Ok(());
    };
    let (store, user, answer_id) = (data.store.clone(), click.user.id.to_string(), answer_id.to_string());
    // SQLite may wait for the web server's write: not on the async threads.
    let recorded = tokio::task::spawn_blocking(move || store.record_feedback(&answer_id, verdict, Some(&user)))
        .await
        .map_err(anyhow::Error::from)
        .and_then(|r| r);
    let text = match recorded {
        Ok(true) if verdict == Verdict::Up => "ご評価ありがとうございます。",
        Ok(true) => "ご評価ありがとうございます。答えられなかった点は担当者が確認し、改善に役立てます。",
        Ok(false) => "この回答の記録が見つかりませんでした（古い回答かもしれません）。",
        Err(e) => {
            tracing::error!("評価を記録できません: {e:#}");
            SORRY
        }
    };
    let message =
        serenity::CreateInteractionResponseMessage::new().content(text).ephemeral(true).allowed_mentions(no_mentions());
    click.create_response(&ctx.http, serenity::CreateInteractionResponse::Message(message)).await?;
    Ok(())
}
