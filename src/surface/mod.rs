//! Surfaces: the ways people reach planbot. Only this module knows clap, axum, poise and serenity.

pub mod cli;
pub mod discord;
pub mod http;
pub mod report;
