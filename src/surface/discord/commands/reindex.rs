//! `/reindex`: rebuilds the index from data/ while questions go on being answered from the old
//! one, then swaps the new one in whole and says what changed.

use std::collections::BTreeSet;

use super::super::{may_manage, plans::Plans, reply_plain, Context, Error, NOT_ALLOWED};

/// 計画の索引を作り直します（サーバー管理権限が必要）
#[poise::command(slash_command, guild_only, default_member_permissions = "MANAGE_GUILD")]
pub async fn reindex(ctx: Context<'_>) -> Result<(), Error> {
    if !may_manage(super::member_permissions(ctx)) {
        reply_plain(ctx, NOT_ALLOWED).await;
        return Ok(());
    }
    let data = ctx.data();
    let Ok(_one_at_a_time) = data.reindexing.try_lock() else {
        reply_plain(ctx, "いま索引を作り直しているところです。終わるまでお待ちください。").await;
        return Ok(());
    };
    ctx.defer().await?;
    let paths = data.paths.clone();
    let built = tokio::task::spawn_blocking(move || Plans::rebuild(&paths)).await?;
    let text = match built {
        Ok(plans) => {
            let old = data.swap(plans);
            let text = changes(&old, &data.plans());
            tracing::info!("索引を作り直しました: {}", text.replace('\n', " "));
            text
        }
        Err(e) => {
            tracing::error!("索引を作り直せませんでした: {e:#}");
            "索引を作り直せませんでした。これまでの索引で答え続けます。詳しくはボットのログをご覧ください。".into()
        }
    };
    ctx.send(poise::CreateReply::default().content(super::super::embed::content(&text))).await?;
    Ok(())
}

/// What a reindex changed: documents added and removed, and the counts before and after.
pub fn changes(old: &Plans, new: &Plans) -> String {
    let files = |p: &Plans| p.documents.iter().map(|d| d.file.clone()).collect::<BTreeSet<_>>();
    let (before, after) = (files(old), files(new));
    let mut s = format!(
        "索引を作り直しました。\n文書: {} → {}\n記録: {} → {}（うち指標 {} → {}）",
        old.documents.len(),
        new.documents.len(),
        old.records,
        new.records,
        old.indicators,
        new.indicators
    );
    for added in after.difference(&before) {
        s.push_str(&format!("\n追加: {added}"));
    }
    for removed in before.difference(&after) {
        s.push_str(&format!("\n削除: {removed}"));
    }
    s
}
