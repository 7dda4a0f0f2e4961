//! Surfaces: the ways people reach planbot. Only this module knows clap or axum.

pub mod cli;
pub mod http;
