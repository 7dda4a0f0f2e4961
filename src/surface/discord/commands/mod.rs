//! The slash commands, one file each; their `///` line is the description Discord shows.

pub mod ask;
pub mod help;
pub mod reindex;
pub mod setup;
pub mod target;

use poise::serenity_prelude as serenity;

use super::{Context, Data, Error};

pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![ask::ask(), target::target(), help::help(), setup::setup(), reindex::reindex()]
}

/// Autocomplete for a `自治体` option: the catalog's municipalities matching what is typed.
pub async fn municipalities(ctx: Context<'_>, typed: &str) -> serenity::CreateAutocompleteResponse {
    let choices = ctx.data().plans().municipality_choices(typed);
    serenity::CreateAutocompleteResponse::new()
        .set_choices(choices.into_iter().map(serenity::AutocompleteChoice::from).collect())
}

/// The member's resolved permissions in the server of a slash command, as Discord sent them.
pub fn member_permissions(ctx: Context<'_>) -> Option<serenity::Permissions> {
    match ctx {
        poise::Context::Application(app) => app.interaction.member.as_ref().and_then(|m| m.permissions),
        poise::Context::Prefix(_) => None,
    }
}
