//! Issue 8 beyond the defects: the fuzz targets' short run, the hostile corpus through the
//! command line, reindex under load, crash safety and the bot's secrets. The long runs are in
//! `scripts/` (fuzz.sh, reindex-load.sh, crash.sh).

mod crash;
mod fuzz;
mod hostile;
mod reindex;
