//! The IPAdic dictionary, compiled offline from the archive vendored in `vendor/ipadic/`.
//!
//! lindera's `embed-ipadic` feature downloads the dictionary at build time, which fails on a
//! machine without network. Instead the MeCab source of IPAdic (Debian's `mecab-ipadic`, EUC-JP)
//! is compiled into the binary as a `.tar.xz`, and on first use lindera's own
//! `DictionaryBuilder` turns it into the binary form lindera loads. The result is cached in a
//! folder named after the archive's hash and published with one `rename`, so parallel processes
//! (tests, a CLI and a bot) never see half a dictionary.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use lindera::dictionary::{load_fs_dictionary, Dictionary};
use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;
use sha2::{Digest, Sha256};

const ARCHIVE: &[u8] = include_bytes!("../../vendor/ipadic/mecab-ipadic-2.7.0-20070801.tar.xz");
const METADATA: &[u8] = include_bytes!("../../vendor/ipadic/metadata.json");

/// Where compiled dictionaries are cached: `PLANBOT_DICT_DIR`, else the user's cache folder
/// (`$XDG_CACHE_HOME/planbot` or `~/.cache/planbot`), else `.planbot-cache` here.
pub fn cache_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("PLANBOT_DICT_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("planbot");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(home).join(".cache").join("planbot");
    }
    PathBuf::from(".planbot-cache")
}

/// The folder of the compiled dictionary for the vendored archive, compiling it if needed.
pub fn ensure_compiled(cache_root: &Path) -> Result<PathBuf> {
    let target = cache_root.join(format!("ipadic-{}", archive_tag()));
    if target.join("metadata.json").is_file() {
        return Ok(target);
    }
    fs::create_dir_all(cache_root)
        .with_context(|| format!("辞書キャッシュのフォルダを作れません: {}", cache_root.display()))?;
    let work = tempfile::Builder::new()
        .prefix(".ipadic-build-")
        .tempdir_in(cache_root)
        .context("辞書の作業フォルダを作れません")?;
    let source = work.path().join("source");
    let built = work.path().join("built");
    let spinner = indicatif::ProgressBar::new_spinner().with_message("IPAdic 辞書を準備しています（初回のみ）…");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    unpack(&source)?;
    let metadata = Metadata::load(METADATA).map_err(|e| anyhow::anyhow!("{e}"))?;
    DictionaryBuilder::new(metadata)
        .build_dictionary(&source, &built)
        .map_err(|e| anyhow::anyhow!("IPAdic の辞書を作れませんでした: {e}"))?;
    publish(&built, &target)?;
    spinner.finish_and_clear();
    Ok(target)
}

/// Loads the compiled dictionary, compiling it first when the cache does not hold it.
pub fn load(cache_root: &Path) -> Result<Dictionary> {
    load_compiled(&ensure_compiled(cache_root)?)
}

/// Loads the compiled dictionary in `dir` (a folder [`ensure_compiled`] returned).
pub fn load_compiled(dir: &Path) -> Result<Dictionary> {
    load_fs_dictionary(dir).map_err(|e| anyhow::anyhow!("辞書を読み込めません ({}): {e}", dir.display()))
}

/// Hashing the 6.6 MB archive costs tens of milliseconds: once per process, not once per open
/// (an update and the reader that follows it both load the dictionary).
fn archive_tag() -> String {
    static TAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAG.get_or_init(hash_archive).clone()
}

fn hash_archive() -> String {
    let mut hasher = Sha256::new();
    hasher.update(ARCHIVE);
    hasher.update(METADATA);
    hasher.update(lindera_dictionary::dictionary::metadata::DICTIONARY_FORMAT_VERSION.to_le_bytes());
    let digest = hasher.finalize();
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

fn unpack(dest: &Path) -> Result<()> {
    fs::create_dir_all(dest)?;
    let mut xz = Vec::new();
    xz2::read::XzDecoder::new(ARCHIVE).read_to_end(&mut xz).context("辞書アーカイブを展開できません")?;
    tar::Archive::new(xz.as_slice()).unpack(dest).context("辞書アーカイブを展開できません")?;
    if !dest.join("matrix.def").is_file() {
        bail!("辞書アーカイブに matrix.def がありません");
    }
    Ok(())
}

/// Moves a finished build into place. Losing the race to another process is fine: its
/// dictionary is the same, so ours is dropped with the work folder.
fn publish(built: &Path, target: &Path) -> Result<()> {
    match fs::rename(built, target) {
        Ok(()) => Ok(()),
        Err(_) if target.join("metadata.json").is_file() => Ok(()),
        Err(e) => Err(e).with_context(|| format!("辞書を {} に置けません", target.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_once_and_reuses_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let first = ensure_compiled(dir.path()).unwrap();
        let stamp = fs::metadata(first.join("metadata.json")).unwrap().modified().unwrap();
        let second = ensure_compiled(dir.path()).unwrap();
        assert_eq!(first, second);
        assert_eq!(stamp, fs::metadata(second.join("metadata.json")).unwrap().modified().unwrap());
        // No half-built folders are left next to the published one.
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".ipadic-build-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn parallel_builds_publish_one_usable_dictionary() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let root = root.clone();
                std::thread::spawn(move || ensure_compiled(&root).unwrap())
            })
            .collect();
        let paths: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(paths[0], paths[1]);
        load(&root).unwrap();
    }
}
