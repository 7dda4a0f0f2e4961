//! `/setup`: a server's default municipality, so a city's own server asks about its own plans.

use super::super::{may_manage, reply_plain, Context, Error, NOT_ALLOWED};

/// このサーバーの既定の自治体を設定します（サーバー管理権限が必要）
#[poise::command(slash_command, guild_only, default_member_permissions = "MANAGE_GUILD")]
pub async fn setup(
    ctx: Context<'_>,
    #[rename = "自治体"]
    #[description = "自治体名のない質問に使う自治体"]
    #[autocomplete = "super::municipalities"]
    #[max_length = 100]
    municipality: String,
) -> Result<(), Error> {
    // Discord hides the command from members without the permission, but a server can change
    // that in its settings: the check here is the one that counts.
    if !may_manage(super::member_permissions(ctx)) {
        reply_plain(ctx, NOT_ALLOWED).await;
        return Ok(());
    }
    let Some(guild) = ctx.guild_id() else {
        reply_plain(ctx, "このコマンドはサーバーの中で使ってください。").await;
        return Ok(());
    };
    let plans = ctx.data().plans();
    let Some(known) = plans.municipality(&municipality) else {
        let text = format!(
            "「{}」の計画は登録されていません。登録されている自治体: {}",
            super::super::plans::cut(municipality.trim(), 100),
            plans.municipalities.join("・")
        );
        reply_plain(ctx, &text).await;
        return Ok(());
    };
    ctx.data().store.set_server_municipality(&guild.get().to_string(), known)?;
    tracing::info!(municipality = known, "サーバーの既定の自治体を設定しました");
    let text =
        format!("このサーバーの既定の自治体を {known} にしました。自治体名のない質問には {known} の計画から答えます。");
    ctx.send(poise::CreateReply::default().content(text)).await?;
    Ok(())
}
