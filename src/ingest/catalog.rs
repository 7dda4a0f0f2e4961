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

/// Where each entry's `file` stands in the catalog text, to name the line of a problem.
#[derive(Deserialize)]
struct FileSpans {
    #[serde(default)]
    document: Vec<FileSpan>,
}

#[derive(Deserialize)]
struct FileSpan {
    file: toml::Spanned<String>,
}

/// The catalog, keyed by file path relative to the data folder.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: HashMap<String, Entry>,
    /// Entries that were not taken (duplicates, paths outside the data folder): line, reason.
    rejected: Vec<(Option<usize>, String)>,
}

impl Catalog {
    /// Reads `catalog.toml` in `data_dir`; a missing catalog is an empty one. Of two entries for
    /// one file the first is used; an entry whose path leaves the data folder (`../x`,
    /// `/etc/hostname`) is not used. Both are kept as problems ([`Catalog::problems`]).
    pub fn load(data_dir: &Path) -> Result<Catalog, IngestError> {
        let path = data_dir.join("catalog.toml");
        if !path.exists() {
            return Ok(Catalog::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|source| IngestError::Read { file: path.clone(), source })?;
        // The line of a byte offset, as `text[..offset].lines().count()` counts it, by binary
        // search: counting from the start for every entry was quadratic in the catalog's size
        // (half of a cold start with 1,500 entries; issue 12).
        let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
        let line_at = |offset: usize| {
            let partial = offset > 0 && text.as_bytes()[offset - 1] != b'\n';
            (newlines.partition_point(|&n| n < offset) + usize::from(partial)).max(1)
        };
        let parsed: CatalogFile = toml::from_str(&text).map_err(|e| IngestError::Catalog {
            file: path.clone(),
            line: e.span().map(|s| line_at(s.start)),
            message: e.message().to_string(),
        })?;
        let spans: Vec<usize> = toml::from_str::<FileSpans>(&text)
            .map(|f| f.document.iter().map(|d| line_at(d.file.span().start)).collect())
            .unwrap_or_default();
        let mut catalog = Catalog::default();
        for (i, entry) in parsed.document.into_iter().enumerate() {
            let line = spans.get(i).copied();
            let Some(key) = relative_key(&entry.file) else {
                let message = format!("{} はデータのフォルダの外を指しているので使いません", entry.file);
                catalog.rejected.push((line, message));
                continue;
            };
            if catalog.entries.contains_key(&key) {
                catalog.rejected.push((line, format!("{key} の記述が重複しています（最初の記述を使います）")));
                continue;
            }
            catalog.entries.insert(key, entry);
        }
        Ok(catalog)
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

    /// Everything wrong with the catalog that did not stop it from loading: duplicate entries,
    /// paths outside the data folder, entries naming files that do not exist.
    pub fn problems(&self, data_dir: &Path) -> Vec<IngestError> {
        let catalog = data_dir.join("catalog.toml");
        let mut problems: Vec<IngestError> = self
            .rejected
            .iter()
            .map(|(line, message)| IngestError::Catalog {
                file: catalog.clone(),
                line: *line,
                message: message.clone(),
            })
            .collect();
        problems.extend(self.missing_files(data_dir).into_iter().map(|missing| IngestError::Catalog {
            file: catalog.clone(),
            line: None,
            message: format!("{} がありません（この記述は使われません）", missing.display()),
        }));
        problems
    }
}

/// Problems of the catalog of `data_dir`, for `planbot check` and the index build: a catalog that
/// cannot be read at all is the one problem.
pub fn problems(data_dir: &Path) -> Vec<IngestError> {
    match Catalog::load(data_dir) {
        Ok(catalog) => catalog.problems(data_dir),
        Err(e) => vec![e],
    }
}

/// `file` as a key relative to the data folder (`./plans/a.txt` → `plans/a.txt`), or `None`
/// when it is absolute or climbs out with `..`.
fn relative_key(file: &str) -> Option<String> {
    use std::path::Component;
    let file = file.replace('\\', "/");
    let mut parts = Vec::new();
    for part in Path::new(&file).components() {
        match part {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
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
    fn lines_of_offsets_are_counted_as_lines_counts_them() {
        let text = "a\nbb\n\nccc\r\nd";
        let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            let partial = offset > 0 && text.as_bytes()[offset - 1] != b'\n';
            let fast = (newlines.partition_point(|&n| n < offset) + usize::from(partial)).max(1);
            assert_eq!(fast, text[..offset].lines().count().max(1), "offset {offset}");
        }
    }

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
    fn duplicates_outside_paths_and_missing_files_are_problems_with_their_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("plans")).unwrap();
        std::fs::write(dir.path().join("plans/a.txt"), "本文").unwrap();
        let text = "[[document]]\nfile = \"plans/a.txt\"\ntitle = \"一\"\n\n\
                    [[document]]\nfile = \"./plans/a.txt\"\ntitle = \"二\"\n\n\
                    [[document]]\nfile = \"../x.txt\"\n\n\
                    [[document]]\nfile = \"/etc/hostname\"\n\n\
                    [[document]]\nfile = \"plans/../../y.txt\"\n\n\
                    [[document]]\nfile = \"plans/gone.txt\"\n";
        std::fs::write(dir.path().join("catalog.toml"), text).unwrap();
        let catalog = Catalog::load(dir.path()).unwrap();
        assert_eq!(catalog.get("plans/a.txt").unwrap().title.as_deref(), Some("一"));
        assert!(catalog.get("../x.txt").is_none() && catalog.get("etc/hostname").is_none());
        let found: Vec<String> = problems(dir.path()).iter().map(|p| p.to_string()).collect();
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found[0].contains("catalog.toml:6:") && found[0].contains("重複"), "{found:#?}");
        assert!(found[1].contains("catalog.toml:10:") && found[1].contains("../x.txt"), "{found:#?}");
        assert!(found[2].contains(":13:") && found[2].contains("/etc/hostname"), "{found:#?}");
        assert!(found[3].contains("plans/../../y.txt"), "{found:#?}");
        assert!(found[4].contains("gone.txt"), "{found:#?}");
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
