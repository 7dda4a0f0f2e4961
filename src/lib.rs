//! planbot answers questions about Japanese municipal plans with line-precise citations.
//!
//! The pipeline, dependencies pointing one way:
//!
//! ```text
//! data/ ─▶ ingest ─▶ index ─▶ answer ─▶ surface (cli, http, discord)
//! ```
//!
//! - [`ingest`]: normalizes each document and parses it into records (indicators, measures,
//!   departments, satisfaction, plans, counts, passages), each with the line it stands on.
//! - [`index`]: the tantivy index of those records under `index/`, analysed with lindera (IPAdic,
//!   compiled offline from `vendor/ipadic`), rebuilt when `data/` changes.
//! - [`answer`]: question → intent and filters → retrieval → a composed answer with citations.
//! - [`eval`]: runs an eval file through [`answer`] and scores it by the rules of the eval set.
//! - [`bench`]: the scale benchmark (`planbot bench --scale N`).
//! - [`chart`]: indicator records as SVG charts (baseline → target bars, yearly lines), pure,
//!   and their PNG rendering (resvg, bundled IPAex Gothic).
//! - [`faq`]: FAQ entries generated from the records, as Markdown, JSON, CSV and HTML.
//! - [`opendata`]: indicators as flat open-data rows (municipality code, values, years, source).
//! - [`store`]: the SQLite file the chat surfaces share (questions asked, feedback, settings).
//! - [`surface`]: the command line, the web server and the Discord bot (the only module that
//!   knows clap, axum, poise and serenity), and the staff report they read from the store.

pub mod answer;
pub mod bench;
pub mod chart;
pub mod eval;
pub mod faq;
pub mod index;
pub mod ingest;
pub mod opendata;
pub mod store;
pub mod surface;
