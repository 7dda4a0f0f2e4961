//! What the server answers from — one opened index generation and what is derived from it —
//! and how it is swapped when `index/CURRENT` names another generation (issue 8: staff reindex
//! in another process while the server runs; issue 12: nothing corpus-sized held in RAM).
//!
//! A request takes the [`Served`] `Arc` once and keeps it, so every answer comes wholly from
//! one generation; the old one is released (and its reader lock with it) when its last request
//! ends. A generation that fails to open is logged and the old state kept.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use super::AppState;
use crate::answer::{synonyms::Synonyms, Engine};
use crate::index::{self, Opened, Paths};

/// How often the reloader reads `index/CURRENT`: a reindex shows within about this long.
pub const CHECK_EVERY: Duration = Duration::from_secs(1);

/// One opened generation and what the handlers need from it. Immutable: a reload builds a new
/// one. Holds only per-document data (the catalog, the municipality list) and a count; the
/// records stay in tantivy's files.
pub struct Served {
    pub engine: Engine,
    /// The generation's folder name, as `index/CURRENT` held it when it was opened.
    pub generation: String,
    pub municipalities: Vec<String>,
    /// How many indicator records the generation holds (for `/healthz`).
    pub indicators: usize,
}

impl Served {
    /// Derives what is served from an opened engine of `generation`.
    pub fn new(engine: Engine, generation: String) -> Result<Served> {
        let documents = engine.index().documents()?;
        let mut municipalities: Vec<String> = documents.iter().filter_map(|d| d.municipality.clone()).collect();
        municipalities.sort();
        municipalities.dedup();
        // Counted in the index, not read.
        let indicators = engine.index().count_kind("indicator")?;
        Ok(Served { engine, generation, municipalities, indicators })
    }

    /// Opens the current generation of `paths` (blocking: call it off the async workers).
    pub fn open(paths: &Paths) -> Result<Served> {
        // Read before opening: if a writer publishes in between, the newer index is labelled
        // with the older name and the next check reloads it again, which is harmless; the
        // other order could label an old index with the new name and never reload.
        let generation = current(&paths.index)?.context("索引がまだありません（planbot index で作ってください）")?;
        let (index, opened) = index::open(paths)?;
        if opened == Opened::Built {
            tracing::warn!("the index was out of date and was rebuilt by the server");
        }
        for p in &index.problems {
            tracing::warn!("索引の警告: {p}");
        }
        let engine = Engine::new(index, Synonyms::load(&paths.data)?)?;
        let generation =
            if opened == Opened::Built { current(&paths.index)?.unwrap_or(generation) } else { generation };
        Served::new(engine, generation)
    }
}

/// The generation `index/CURRENT` names, `None` when there is no such file.
pub fn current(index_dir: &Path) -> Result<Option<String>> {
    let path = index_dir.join(index::generation::CURRENT);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.trim().to_string()).filter(|s| !s.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("{} を読めません", path.display())),
    }
}

/// What one check did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// `CURRENT` names the generation being served (or there is no `CURRENT`).
    Unchanged,
    /// The named generation is served from now on.
    Swapped(String),
    /// Opening failed: the old generation is still served. The reason, for the log.
    Failed(String),
}

/// Checks `index/CURRENT` once and swaps in the generation it names when that is another one.
/// The open runs on the blocking pool: it reads and checks files, which must not stall requests.
pub async fn check(state: &Arc<AppState>) -> Reload {
    let Some(paths) = state.paths.clone() else { return Reload::Unchanged };
    let named = match current(&paths.index) {
        Ok(Some(name)) => name,
        Ok(None) => return Reload::Unchanged,
        Err(e) => return Reload::Failed(format!("{e:#}")),
    };
    if named == state.served().generation {
        return Reload::Unchanged;
    }
    match tokio::task::spawn_blocking(move || Served::open(&paths)).await {
        Ok(Ok(served)) => {
            let name = served.generation.clone();
            state.swap(served);
            Reload::Swapped(name)
        }
        Ok(Err(e)) => Reload::Failed(format!("{e:#}")),
        Err(e) => Reload::Failed(format!("reload task failed: {e}")),
    }
}

/// Runs [`check`] every `every` for as long as the server runs. A failure is logged once per
/// generation name (it is retried each time: a data folder put back makes it succeed).
pub fn spawn(state: Arc<AppState>, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_failure: Option<String> = None;
        loop {
            ticks.tick().await;
            match check(&state).await {
                Reload::Unchanged => {}
                Reload::Swapped(name) => {
                    last_failure = None;
                    tracing::info!(generation = %name, "serving a new index generation");
                }
                Reload::Failed(why) => {
                    let named = state.paths.as_ref().and_then(|p| current(&p.index).ok().flatten());
                    if last_failure != named {
                        tracing::error!(
                            "cannot open the new index generation; still serving {}: {why}",
                            state.served().generation
                        );
                        last_failure = named;
                    }
                }
            }
        }
    })
}
