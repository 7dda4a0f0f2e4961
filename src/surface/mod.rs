//! Surfaces: the ways people reach planbot. Only this module knows clap.

pub mod cli;
