//! Generations of the index on disk: which one is current, who is using which, and how a
//! generation is opened without writing to it.
//!
//! ```text
//! index/
//!   CURRENT          the name of the current generation, replaced with one rename
//!   LOCK             a writer holds it exclusively while it builds and cleans up
//!   gen-HASH-PID/    one generation: tantivy's files, manifest.json, manifest.sha256, IN_USE
//! ```
//!
//! A generation never changes once `CURRENT` names it. A reader holds a shared lock on the
//! `IN_USE` file of the generation it opened for as long as it uses it; a writer, holding
//! `LOCK`, removes an old generation only when it can lock that file exclusively. So one
//! process's build never deletes files another process is reading or writing (issue 8, defect 2),
//! and a long-running server keeps its generation until it lets go of it.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::WritePtr;
use tantivy::directory::{Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle};

pub const CURRENT: &str = "CURRENT";
const LOCK: &str = "LOCK";
pub const IN_USE: &str = "IN_USE";

/// The exclusive right to build and clean up in one index folder; released on drop (and by
/// the system when the process dies, so a killed build never blocks the next one).
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Waits until no other process builds in `index_dir`.
    pub fn acquire(index_dir: &Path) -> Result<WriterLock> {
        fs::create_dir_all(index_dir)
            .with_context(|| format!("索引のフォルダ {} を作れません", index_dir.display()))?;
        let path = index_dir.join(LOCK);
        let file =
            File::options().read(true).write(true).create(true).truncate(false).open(&path).with_context(|| {
                format!("索引のフォルダ {} に書けません（索引を作り直せません）", index_dir.display())
            })?;
        file.lock().with_context(|| format!("{} をロックできません", path.display()))?;
        Ok(WriterLock { _file: file })
    }
}

/// The current generation, locked for reading: it stays on disk while this value lives.
pub struct Locked {
    pub dir: PathBuf,
    pub in_use: Option<File>,
}

/// Finds the current generation and takes a shared lock on it; `None` when there is none.
pub fn lock_current(index_dir: &Path) -> Result<Option<Locked>> {
    for _ in 0..20 {
        let Some(name) = read_current(index_dir)? else { return Ok(None) };
        let dir = index_dir.join(&name);
        let in_use = match File::open(dir.join(IN_USE)) {
            Ok(file) => {
                file.lock_shared().with_context(|| format!("{} をロックできません", dir.join(IN_USE).display()))?;
                Some(file)
            }
            // Removed since CURRENT was read (checked below), or not a generation of this layout.
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("{} を開けません", dir.join(IN_USE).display())),
        };
        // A writer may have swapped CURRENT and removed this generation before the lock was
        // taken; with the lock held and CURRENT unchanged, it can no longer be removed.
        if read_current(index_dir)?.as_deref() == Some(name.as_str()) && dir.is_dir() {
            return Ok(Some(Locked { dir, in_use }));
        }
    }
    bail!("索引 {} が切り替わり続けているため開けません", index_dir.display())
}

/// The name in `CURRENT`, if there is one that names a generation.
fn read_current(index_dir: &Path) -> Result<Option<String>> {
    let path = index_dir.join(CURRENT);
    match fs::read_to_string(&path) {
        Ok(text) => {
            let name = text.trim();
            let valid = name.starts_with("gen-") && !name.contains(['/', '\\']) && name != "gen-";
            Ok(valid.then(|| name.to_string()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("{} を読めません", path.display())),
    }
}

/// Points `CURRENT` at `generation` with one rename: readers see the old name or the new one.
pub fn publish(index_dir: &Path, generation: &str) -> Result<()> {
    let pointer = tempfile::NamedTempFile::new_in(index_dir)
        .with_context(|| format!("索引のフォルダ {} に書けません", index_dir.display()))?;
    fs::write(pointer.path(), generation).with_context(|| format!("{} に書けません", pointer.path().display()))?;
    pointer.persist(index_dir.join(CURRENT)).context("索引の切り替えに失敗しました")?;
    Ok(())
}

/// Removes every generation but `keep` that nobody uses, and pointer files left by killed
/// writers. Call only while holding the [`WriterLock`]: then no build is under way.
pub fn remove_unused(index_dir: &Path, keep: &str) {
    let Ok(entries) = fs::read_dir(index_dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with(".tmp") && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(&path);
            continue;
        }
        if !name.starts_with("gen-") || name == keep {
            continue;
        }
        match File::open(path.join(IN_USE)) {
            // Removed while the lock is held: a reader that opens the file now finds CURRENT
            // changed once it gets the lock, and looks again.
            Ok(file) => match file.try_lock() {
                Ok(()) => {
                    let _ = fs::remove_dir_all(&path);
                }
                Err(TryLockError::WouldBlock) | Err(TryLockError::Error(_)) => {}
            },
            // A build killed before it began, or a folder of an older layout.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let _ = fs::remove_dir_all(&path);
            }
            Err(_) => {}
        }
    }
}

/// A generation's folder as tantivy sees it when reading: every read goes to the files, every
/// write is refused, and no lock file is created. tantivy locks `meta.json` against its own
/// garbage collection while it opens segments; a published generation has no writer and is
/// never collected, so the lock is not needed, and taking it would need a writable folder
/// (issue 8, defect 6: replicas serve from read-only disks).
#[derive(Clone, Debug)]
pub struct ReadOnly(MmapDirectory);

impl ReadOnly {
    pub fn open(dir: &Path) -> Result<ReadOnly> {
        let mmap = MmapDirectory::open(dir).with_context(|| format!("索引 {} を開けません", dir.display()))?;
        Ok(ReadOnly(mmap))
    }
}

fn refused() -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, "a published index generation is read-only")
}

impl Directory for ReadOnly {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError { io_error: Arc::new(refused()), filepath: path.to_path_buf() })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(refused(), path.to_path_buf()))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(refused())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        // Readers reload nothing: a new generation is a new folder.
        Ok(WatchHandle::empty())
    }
}

/// Whether the CRC32 in the footer tantivy appends to each of its files matches the file's
/// body, as `ManagedDirectory::validate_checksum` decides, but read in blocks with `read`
/// instead of through a memory map, so that checking a generation does not make every page of
/// it resident in this process. The footer is `body | JSON {"version":…,"crc":N} | JSON length
/// (u32, little-endian) | 1337 (u32, little-endian)`.
pub fn footer_checksum_matches(path: &Path) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    const MAGIC: u32 = 1337;
    let invalid = |why: &str| io::Error::new(io::ErrorKind::InvalidData, why.to_string());
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if len < 8 {
        return Err(invalid("ファイルが短すぎます"));
    }
    let mut tail = [0u8; 8];
    file.seek(SeekFrom::Start(len - 8))?;
    file.read_exact(&mut tail)?;
    let footer_len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]) != MAGIC || footer_len > 10_000 || footer_len + 8 > len
    {
        return Err(invalid("末尾の情報が壊れています"));
    }
    let body_len = len - 8 - footer_len;
    let mut footer = vec![0u8; footer_len as usize];
    file.seek(SeekFrom::Start(body_len))?;
    file.read_exact(&mut footer)?;
    let footer: serde_json::Value = serde_json::from_slice(&footer).map_err(|_| invalid("末尾の情報が読めません"))?;
    let crc = footer
        .get("crc")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| invalid("末尾にチェックサムがありません"))?;
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = crc32fast::Hasher::new();
    let mut body = file.take(body_len);
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let read = body.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    if body.limit() != 0 {
        return Err(invalid("ファイルが途中で終わっています"));
    }
    Ok(u64::from(hasher.finalize()) == crc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generation(index: &Path, name: &str) {
        fs::create_dir_all(index.join(name)).unwrap();
        fs::write(index.join(name).join(IN_USE), "").unwrap();
    }

    #[test]
    fn a_generation_in_use_is_kept_and_unused_ones_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path();
        generation(index, "gen-a-1");
        generation(index, "gen-b-2");
        generation(index, "gen-c-3");
        fs::create_dir_all(index.join("gen-partial-4")).unwrap();
        publish(index, "gen-a-1").unwrap();
        let reader = lock_current(index).unwrap().unwrap();
        assert!(reader.dir.ends_with("gen-a-1"));
        publish(index, "gen-c-3").unwrap();
        let _writer = WriterLock::acquire(index).unwrap();
        remove_unused(index, "gen-c-3");
        let mut left: Vec<String> = fs::read_dir(index)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("gen-"))
            .collect();
        left.sort();
        assert_eq!(left, ["gen-a-1", "gen-c-3"]);
        drop(reader);
        remove_unused(index, "gen-c-3");
        assert!(!index.join("gen-a-1").exists());
    }

    #[test]
    fn a_missing_or_garbled_pointer_is_no_generation() {
        let dir = tempfile::tempdir().unwrap();
        assert!(lock_current(dir.path()).unwrap().is_none());
        fs::write(dir.path().join(CURRENT), "../../etc").unwrap();
        assert!(lock_current(dir.path()).unwrap().is_none());
    }
    #[test]
    fn footer_checksums_agree_with_tantivys_own_check() {
        use tantivy::schema::{Schema, TEXT};
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = tantivy::Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..200 {
            writer.add_document(tantivy::doc!(body => format!("防災倉庫 {i} の点検"))).unwrap();
        }
        writer.commit().unwrap();
        let files: Vec<PathBuf> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| !p.to_string_lossy().ends_with(".json") && !p.to_string_lossy().ends_with(".lock"))
            .collect();
        assert!(files.len() >= 4, "{files:?}");
        for path in &files {
            let relative = Path::new(path.file_name().unwrap());
            assert!(index.directory().validate_checksum(relative).unwrap(), "{path:?}");
            assert!(footer_checksum_matches(path).unwrap(), "{path:?}");
        }
        drop(writer);
        drop(index);
        // A flipped byte in a body, and a cut-off file, are both found.
        let path = files.iter().max_by_key(|p| fs::metadata(p).unwrap().len()).unwrap();
        let mut bytes = fs::read(path).unwrap();
        bytes[0] ^= 0x01;
        fs::write(path, &bytes).unwrap();
        assert!(!footer_checksum_matches(path).unwrap());
        fs::write(path, &bytes[bytes.len() / 2..]).unwrap();
        assert!(!matches!(footer_checksum_matches(path), Ok(true)));
        fs::write(path, b"abc").unwrap();
        assert!(footer_checksum_matches(path).is_err());
    }
}
