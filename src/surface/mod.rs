//! Surfaces: the ways people reach planbot. Only this module knows clap, poise and serenity.

pub mod cli;
pub mod discord;
pub mod report;
