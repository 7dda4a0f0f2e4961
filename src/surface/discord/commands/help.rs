//! `/help`: what planbot answers, with example questions and the plans it knows.

use super::super::{embed, plans::Plans, Context, Error};

/// 使い方と質問の例を表示します
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let text = text(&ctx.data().plans());
    ctx.send(poise::CreateReply::default().content(embed::content(&text)).ephemeral(true)).await?;
    Ok(())
}

/// The help text, also the answer to an empty mention.
pub fn text(plans: &Plans) -> String {
    let mut s = String::from(
        "**planbot** は自治体の計画（総合計画・基本計画・行政改革大綱・実施計画）に書かれていることを、\
         根拠の行つきで答えます。\n\n\
         **質問の例**\n\
         ・/ask 質問: マイナンバーカード交付率の目標は？\n\
         ・/ask 質問: 経常収支比率の現状値は？ 自治体: 本庄市\n\
         ・/ask 質問: コンビニ交付の担当課は？\n\
         ・/target 指標: （入力すると候補が出ます）\n\
         ・ボットへのメンションやダイレクトメッセージでも質問できます。\n\n\
         **管理者向け**（サーバー管理権限）\n\
         ・/setup 自治体: … このサーバーの既定の自治体\n\
         ・/reindex … 計画の索引を作り直す\n\n\
         **登録されている計画**\n",
    );
    for d in &plans.documents {
        s.push_str(&format!("・{}\n", d.title));
    }
    s.push_str("\n回答の下の 👍 / 👎 で評価をお寄せください。答えられなかった質問は担当者が確認します。");
    s
}
