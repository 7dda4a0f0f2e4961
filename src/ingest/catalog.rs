//! `data/catalog.toml`: which documents there are and what each one is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use once_cell::sync::Lazy;
use regex::Regex;
use serde::Deserialize;

use super::IngestError;

/// One `[[document]]` of the catalog.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Path relative to the data folder.
    pub file: String,
    pub municipality: Option<String>,
    pub title: Option<String>,
    pub edition: Option<String>,
    pub period: Option<String>,
    #[serde(default)]
    pub url: String,
    /// 全国地方公共団体コード (6 digits with the check digit), for open-data exports.
    pub code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    document: Vec<Entry>,
}

/// The catalog, keyed by file path relative to the data folder.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: HashMap<String, Entry>,
}

impl Catalog {
    /// Reads `catalog.toml` in `data_dir`; a missing catalog is an empty one.
    pub fn load(data_dir: &Path) -> Result<Catalog, IngestError> {
        let path = data_dir.join("catalog.toml");
        if !path.exists() {
            return Ok(Catalog::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|source| IngestError::Read { file: path.clone(), source })?;
        let parsed: CatalogFile = toml::from_str(&text).map_err(|e| IngestError::Catalog {
            file: path.clone(),
            line: e.span().map(|s| text[..s.start].lines().count().max(1)),
            message: e.message().to_string(),
        })?;
        let entries = parsed.document.into_iter().map(|e| (e.file.replace('\\', "/"), e)).collect();
        Ok(Catalog { entries })
    }

    pub fn get(&self, relative: &str) -> Option<&Entry> {
        self.entries.get(relative)
    }

    /// Every entry, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    /// Catalog entries whose file is not in the data folder.
    pub fn missing_files(&self, data_dir: &Path) -> Vec<PathBuf> {
        let mut missing: Vec<PathBuf> =
            self.entries.keys().map(|f| data_dir.join(f)).filter(|p| !p.is_file()).collect();
        missing.sort();
        missing
    }
}

static MUNICIPALITY: Lazy<Regex> = Lazy::new(|| Regex::new(r"\p{Han}{1,4}?[市町村]").unwrap());
/// Words ending in 市/町/村 that are not names of a municipality.
const NOT_NAMES: &[&str] = &["本市", "都市", "各市", "全市", "市町村", "同市", "当市", "市町", "他市", "中心市"];

/// The municipality a document is about, guessed from the names it repeats most; `None`
/// when no name stands out.
pub fn infer_municipality(text: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in MUNICIPALITY.find_iter(text) {
        let name = m.as_str();
        if name.chars().count() >= 2 && !NOT_NAMES.iter().any(|n| name.ends_with(n)) {
            *counts.entry(name).or_default() += 1;
        }
    }
    let (name, n) = counts.into_iter().max_by_key(|(name, n)| (*n, std::cmp::Reverse(*name)))?;
    (n >= 3).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_reports_bad_toml_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("catalog.toml"),
            "[[document]]\nfile = \"plans/a.txt\"\nmunicipality = \"本庄市\"\ntitle = \"計画\"\n",
        )
        .unwrap();
        let catalog = Catalog::load(dir.path()).unwrap();
        assert_eq!(catalog.get("plans/a.txt").unwrap().municipality.as_deref(), Some("本庄市"));
        assert_eq!(catalog.missing_files(dir.path()), vec![dir.path().join("plans/a.txt")]);

        std::fs::write(dir.path().join("catalog.toml"), "[[document]]\nfile = \"a\"\nfoo = 1\n").unwrap();
        let err = Catalog::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("catalog.toml:") && err.contains("foo"), "{err}");
    }

    #[test]
    fn missing_catalog_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Catalog::load(dir.path()).unwrap().get("x").is_none());
    }

    #[test]
    fn municipality_is_inferred_from_repeated_names() {
        let text = "石岡市の計画。石岡市では本市の都市計画を。石岡市職員。小美玉市と連携。";
        assert_eq!(infer_municipality(text).as_deref(), Some("石岡市"));
        assert_eq!(infer_municipality("本市の都市計画"), None);
    }
}
