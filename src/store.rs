//! The store the chat surfaces share: every question asked, whether it was found, the 👍/👎
//! feedback on answers, and each Discord server's default municipality. One SQLite file (WAL,
//! so the bot, the web server and `planbot report` can use it at once).
//!
//! Users are never stored by their id: a salted SHA-256 of it, with the salt kept in the same
//! file, is enough to count distinct askers and nothing more.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// The store's file name, beside the data folder (not inside it: data/ holds only documents).
pub const FILE_NAME: &str = "planbot.sqlite3";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS asked (
    answer_id TEXT PRIMARY KEY,
    asked_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    surface   TEXT NOT NULL,
    question  TEXT NOT NULL,
    intent    TEXT NOT NULL,
    found     INTEGER NOT NULL,
    answer    TEXT NOT NULL,
    server    TEXT,
    user_hash TEXT
);
CREATE INDEX IF NOT EXISTS asked_at ON asked (asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id TEXT NOT NULL REFERENCES asked (answer_id),
    user_hash TEXT,
    verdict   INTEGER NOT NULL,
    given_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (answer_id, user_hash)
);
CREATE TABLE IF NOT EXISTS server_settings (
    server       TEXT PRIMARY KEY,
    municipality TEXT NOT NULL
);
";

/// A 👍 or a 👎.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Up,
    Down,
}

/// One question as a surface saw it.
#[derive(Debug, Clone)]
pub struct Asked<'a> {
    /// `discord` or `web`.
    pub surface: &'a str,
    pub question: &'a str,
    pub intent: &'a str,
    pub found: bool,
    pub answer: &'a str,
    /// The Discord server (guild) id, where there is one.
    pub server: Option<&'a str>,
    /// The user's id on that surface; only its salted hash is stored.
    pub user: Option<&'a str>,
}

/// A question and how often it was asked (or voted down).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportRow {
    pub question: String,
    pub count: i64,
    /// The latest answer given to it.
    pub answer: String,
}

/// What staff read: the most asked questions, those the plans did not answer, the 👎 ones.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    pub since: Option<String>,
    pub total: i64,
    pub most_asked: Vec<ReportRow>,
    pub not_found: Vec<ReportRow>,
    pub voted_down: Vec<ReportRow>,
}

pub struct Store {
    conn: Mutex<Connection>,
    salt: Vec<u8>,
    path: PathBuf,
}

impl Store {
    /// The default place of the store for a data folder: beside it, e.g. `./planbot.sqlite3`
    /// for `data/`.
    pub fn default_path(data_dir: &Path) -> PathBuf {
        let parent = data_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        parent.join(FILE_NAME)
    }

    /// Opens (or creates) the store, with its schema and salt.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("{} を作れません", dir.display()))?;
        }
        let conn =
            Connection::open(path).with_context(|| format!("記録用データベース {} を開けません", path.display()))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA).with_context(|| format!("{} の表を作れません", path.display()))?;
        let salt = salt(&conn)?;
        Ok(Store { conn: Mutex::new(conn), salt, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves the connection usable: SQLite rolls back.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The salted hash that stands for a user id.
    pub fn user_hash(&self, user: &str) -> String {
        let mut h = Sha256::new();
        h.update(&self.salt);
        h.update(user.as_bytes());
        hex(&h.finalize()[..16])
    }

    /// Records a question and returns the id of its answer (for feedback buttons and links).
    pub fn record_question(&self, asked: &Asked) -> Result<String> {
        let id = new_id()?;
        let user_hash = asked.user.map(|u| self.user_hash(u));
        self.conn().execute(
            "INSERT INTO asked (answer_id, surface, question, intent, found, answer, server, user_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                asked.surface,
                asked.question,
                asked.intent,
                asked.found,
                asked.answer,
                asked.server,
                user_hash
            ],
        )?;
        Ok(id)
    }

    /// Records several questions in one transaction, so one disk sync covers them all (the web
    /// server batches the questions that arrive together); returns their answer ids in order.
    pub fn record_questions(&self, asked: &[Asked]) -> Result<Vec<String>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut ids = Vec::with_capacity(asked.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO asked (answer_id, surface, question, intent, found, answer, server, user_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for a in asked {
                let id = new_id()?;
                let user_hash = a.user.map(|u| self.user_hash(u));
                insert.execute(params![id, a.surface, a.question, a.intent, a.found, a.answer, a.server, user_hash])?;
                ids.push(id);
            }
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Records a 👍/👎 on an answer. A user's second vote on one answer replaces the first.
    /// Returns false when no such answer was recorded.
    pub fn record_feedback(&self, answer_id: &str, verdict: Verdict, user: Option<&str>) -> Result<bool> {
        let conn = self.conn();
        let known: Option<i64> =
            conn.query_row("SELECT 1 FROM asked WHERE answer_id = ?1", [answer_id], |r| r.get(0)).optional()?;
        if known.is_none() {
            return Ok(false);
        }
        let user_hash = user.map(|u| self.user_hash(u)).unwrap_or_default();
        conn.execute(
            "INSERT INTO feedback (answer_id, user_hash, verdict) VALUES (?1, ?2, ?3)
             ON CONFLICT (answer_id, user_hash) DO UPDATE SET verdict = excluded.verdict,
             given_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            params![answer_id, user_hash, verdict == Verdict::Up],
        )?;
        Ok(true)
    }

    /// A server's default municipality (`/setup`).
    pub fn set_server_municipality(&self, server: &str, municipality: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO server_settings (server, municipality) VALUES (?1, ?2)
             ON CONFLICT (server) DO UPDATE SET municipality = excluded.municipality",
            params![server, municipality],
        )?;
        Ok(())
    }

    pub fn server_municipality(&self, server: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT municipality FROM server_settings WHERE server = ?1", [server], |r| r.get(0))
            .optional()?)
    }

    /// The staff report since a date (`YYYY-MM-DD`, inclusive), at most `limit` rows a list.
    pub fn report(&self, since: Option<&str>, limit: usize) -> Result<Report> {
        let from = since.unwrap_or("");
        let conn = self.conn();
        let total = conn.query_row("SELECT COUNT(*) FROM asked WHERE asked_at >= ?1", [from], |r| r.get(0))?;
        let rows = |sql: &str| -> Result<Vec<ReportRow>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map(params![from, limit as i64], |r| {
                Ok(ReportRow { question: r.get(0)?, count: r.get(1)?, answer: r.get(2)? })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        };
        // The latest answer of a group: SQLite takes the bare column from the row of MAX().
        let most_asked = rows(
            "SELECT question, COUNT(*) AS n, answer, MAX(asked_at) FROM asked WHERE asked_at >= ?1
             GROUP BY question ORDER BY n DESC, question LIMIT ?2",
        )?;
        let not_found = rows(
            "SELECT question, COUNT(*) AS n, answer, MAX(asked_at) FROM asked WHERE asked_at >= ?1 AND found = 0
             GROUP BY question ORDER BY n DESC, question LIMIT ?2",
        )?;
        let voted_down = rows(
            "SELECT a.question, COUNT(*) AS n, a.answer, MAX(f.given_at) FROM feedback f
             JOIN asked a USING (answer_id) WHERE f.given_at >= ?1 AND f.verdict = 0
             GROUP BY a.question ORDER BY n DESC, a.question LIMIT ?2",
        )?;
        Ok(Report { since: since.map(str::to_string), total, most_asked, not_found, voted_down })
    }
}

/// The salt of this store, made on first open.
fn salt(conn: &Connection) -> Result<Vec<u8>> {
    let mut fresh = [0u8; 32];
    getrandom::fill(&mut fresh).map_err(|e| anyhow::anyhow!("乱数を得られません: {e}"))?;
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?1)", [&fresh[..]])?;
    Ok(conn.query_row("SELECT value FROM meta WHERE key = 'salt'", [], |r| r.get(0))?)
}

/// An answer id: 16 random bytes in hex, so ids cannot be guessed from one another.
fn new_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("乱数を得られません: {e}"))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked<'a>(question: &'a str, found: bool, user: &'a str) -> Asked<'a> {
        Asked { surface: "web", question, intent: "target", found, answer: "答え", server: None, user: Some(user) }
    }

    #[test]
    fn questions_feedback_and_report_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(FILE_NAME);
        let id = {
            let store = Store::open(&path).unwrap();
            store.record_question(&asked("交付率の目標は？", true, "u1")).unwrap();
            store.record_question(&asked("交付率の目標は？", true, "u2")).unwrap();
            store.record_question(&asked("人口は？", false, "u1")).unwrap()
        };
        let store = Store::open(&path).unwrap();
        assert!(store.record_feedback(&id, Verdict::Down, Some("u1")).unwrap());
        assert!(!store.record_feedback("no-such-answer", Verdict::Up, None).unwrap());
        let report = store.report(None, 10).unwrap();
        assert_eq!(report.total, 3);
        assert_eq!(
            report.most_asked[0],
            ReportRow { question: "交付率の目標は？".into(), count: 2, answer: "答え".into() }
        );
        assert_eq!(report.not_found.len(), 1);
        assert_eq!(report.not_found[0].question, "人口は？");
        assert_eq!(report.voted_down[0].question, "人口は？");
        assert_eq!(store.report(Some("2999-01-01"), 10).unwrap().total, 0);
    }

    #[test]
    fn a_batch_of_questions_is_recorded_with_distinct_ids() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join(FILE_NAME)).unwrap();
        let ids = store.record_questions(&[asked("a", true, "u1"), asked("b", false, "u2")]).unwrap();
        assert_eq!(ids.len(), 2);
        assert_ne!(ids[0], ids[1]);
        assert!(store.record_feedback(&ids[1], Verdict::Down, None).unwrap());
        let report = store.report(None, 10).unwrap();
        assert_eq!((report.total, report.voted_down[0].question.as_str()), (2, "b"));
        assert!(store.record_questions(&[]).unwrap().is_empty());
    }

    #[test]
    fn user_ids_are_stored_only_as_salted_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let store = Store::open(&path).unwrap();
        store.record_question(&asked("q", true, "123456789012345678")).unwrap();
        let other = Store::open(&dir.path().join("other.sqlite3")).unwrap();
        assert_ne!(store.user_hash("123456789012345678"), other.user_hash("123456789012345678"), "salts differ");
        drop(store);
        let bytes = std::fs::read(&path).unwrap();
        let wal = std::fs::read(dir.path().join(format!("{FILE_NAME}-wal"))).unwrap_or_default();
        for b in [bytes, wal] {
            assert!(!String::from_utf8_lossy(&b).contains("123456789012345678"));
        }
    }

    #[test]
    fn a_servers_municipality_is_replaced_not_duplicated() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join(FILE_NAME)).unwrap();
        assert_eq!(store.server_municipality("g1").unwrap(), None);
        store.set_server_municipality("g1", "本庄市").unwrap();
        store.set_server_municipality("g1", "小諸市").unwrap();
        assert_eq!(store.server_municipality("g1").unwrap().as_deref(), Some("小諸市"));
    }

    #[test]
    fn the_default_path_sits_beside_the_data_folder() {
        assert_eq!(Store::default_path(Path::new("data")), PathBuf::from("./planbot.sqlite3"));
        assert_eq!(Store::default_path(Path::new("/srv/city/data")), PathBuf::from("/srv/city/planbot.sqlite3"));
    }
}
