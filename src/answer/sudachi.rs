//! The Sudachi synonym dictionary (vendored in `vendor/sudachi-synonyms/`, Apache-2.0): which
//! words of a question may stand for which words of a plan (行革 ⇔ 行政改革, 年寄り ⇔ 高齢者).
//!
//! The source is 67,000 CSV lines in 65,000 groups. Parsing it on every start would cost every
//! `planbot ask` tens of milliseconds, so on first use it is compiled once into a table sorted
//! by word — one line per word that may trigger an expansion, with the words it expands to —
//! and published in the dictionary cache with one `rename`, as the IPAdic cache is. Later
//! starts map that file (reading and indexing its 2.8 MB cost every `planbot ask` 10–20 ms)
//! and look words up by binary search over its bytes.
//!
//! The flags of the source are honoured when the table is compiled:
//! - expansion control: 0 expands both ways, 1 is expanded to but never triggers, 2 never used;
//! - a word's spelling variants, abbreviations, translations and other names share its lexeme
//!   number: they are [`Relation::Same`] word, written differently;
//! - the other lexemes of the group are [`Relation::Near`]: synonyms, not the same word, and
//!   the answer engine gives them less weight.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::ingest::normalize;

const SOURCE: &[u8] = include_bytes!("../../vendor/sudachi-synonyms/synonyms.txt.xz");
/// Bump when the compiled table's layout changes.
const TABLE_VERSION: u8 = 1;

/// How an expansion relates to the word it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same lexeme written otherwise: abbreviation, spelling variant, translation.
    Same,
    /// Another lexeme of the same synonym group.
    Near,
}

/// The compiled table: sorted lines `word<TAB>=same|~near|…`, mapped from the cache (no read,
/// no parse at start: a lookup touches the few pages its binary search visits).
pub struct Dictionary {
    table: Table,
}

enum Table {
    Mapped(memmap2::Mmap),
    /// A table built in memory, for tests.
    #[cfg(test)]
    Owned(Vec<u8>),
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sudachi::Dictionary({} bytes)", self.bytes().len())
    }
}

impl Dictionary {
    /// The compiled table from the cache, compiling and publishing it first when absent.
    pub fn load(cache_root: &Path) -> Result<Dictionary> {
        let path = ensure_compiled(cache_root)?;
        let file = fs::File::open(&path).with_context(|| format!("同義語辞書 {} を読めません", path.display()))?;
        // SAFETY: the table is published whole by one rename and never written again (a new
        // source gets a new file name), so the mapped bytes do not change under us.
        let map = unsafe { memmap2::Mmap::map(&file) }
            .with_context(|| format!("同義語辞書 {} を読めません", path.display()))?;
        Ok(Dictionary { table: Table::Mapped(map) })
    }

    #[cfg(test)]
    fn from_table(text: String) -> Dictionary {
        Dictionary { table: Table::Owned(text.into_bytes()) }
    }

    fn bytes(&self) -> &[u8] {
        match &self.table {
            Table::Mapped(m) => m,
            #[cfg(test)]
            Table::Owned(v) => v,
        }
    }

    /// Number of words that trigger an expansion (counts the lines: for tests and reports).
    pub fn len(&self) -> usize {
        self.bytes().iter().filter(|&&b| b == b'\n').count()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes().is_empty()
    }

    /// The line holding `word` as its key, by binary search over the sorted lines.
    fn line_of(&self, word: &str) -> Option<&str> {
        let bytes = self.bytes();
        let (mut lo, mut hi) = (0, bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = bytes[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |i| lo + i + 1);
            let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| start + i);
            let line = &bytes[start..end];
            let key = &line[..line.iter().position(|&b| b == b'\t').unwrap_or(line.len())];
            match key.cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => return std::str::from_utf8(line).ok(),
            }
        }
        None
    }

    /// The words `word` expands to, with their relation; empty when the dictionary does not
    /// know it or it never triggers an expansion. `word` is normalized text.
    pub fn expand(&self, word: &str) -> Vec<(&str, Relation)> {
        if word.is_empty() || word.contains(['\t', '\n']) {
            return Vec::new();
        }
        let Some(line) = self.line_of(word) else { return Vec::new() };
        let Some((_, rest)) = line.split_once('\t') else { return Vec::new() };
        rest.split('|')
            .filter_map(|item| match item.split_at_checked(1)? {
                ("=", w) => Some((w, Relation::Same)),
                ("~", w) => Some((w, Relation::Near)),
                _ => None,
            })
            .collect()
    }
}

/// One word of the source.
struct Entry {
    group: String,
    flag: u8,
    lexeme: String,
    word: String,
}

/// Builds the sorted table from the CSV source. Words are normalized as questions are.
fn compile(source: &str) -> String {
    let mut groups: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for line in source.lines() {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() < 9 {
            continue;
        }
        let word = normalize::text(fields[8]);
        let flag = fields[2].trim().parse().unwrap_or(0);
        // A one-letter word (案, 値) is found inside everything: no use for matching.
        if flag == 2 || word.chars().count() < 2 {
            continue;
        }
        let entry = Entry { group: fields[0].to_string(), flag, lexeme: fields[3].to_string(), word };
        groups.entry(entry.group.clone()).or_default().push(entry);
    }
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entries in groups.values() {
        for from in entries.iter().filter(|e| e.flag == 0) {
            let out = table.entry(from.word.clone()).or_default();
            for to in entries.iter().filter(|e| e.word != from.word) {
                let mark = if to.lexeme == from.lexeme && !to.lexeme.is_empty() { '=' } else { '~' };
                let item = format!("{mark}{}", to.word);
                // A word in two groups: keep the closer relation once.
                let other = format!("{}{}", if mark == '=' { '~' } else { '=' }, to.word);
                if out.contains(&item) || (mark == '~' && out.contains(&other)) {
                    continue;
                }
                out.retain(|x| *x != other);
                out.push(item);
            }
        }
    }
    let mut text = String::new();
    for (word, items) in table.iter().filter(|(_, items)| !items.is_empty()) {
        text.push_str(word);
        text.push('\t');
        text.push_str(&items.join("|"));
        text.push('\n');
    }
    text
}

fn source_tag() -> String {
    let mut hasher = Sha256::new();
    hasher.update(SOURCE);
    hasher.update([TABLE_VERSION]);
    hasher.finalize()[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// The compiled table's path, compiling it when the cache does not hold it.
pub fn ensure_compiled(cache_root: &Path) -> Result<PathBuf> {
    let target = cache_root.join(format!("sudachi-synonyms-{}.tsv", source_tag()));
    if target.is_file() {
        return Ok(target);
    }
    fs::create_dir_all(cache_root)
        .with_context(|| format!("辞書キャッシュのフォルダを作れません: {}", cache_root.display()))?;
    let mut source = String::new();
    xz2::read::XzDecoder::new(SOURCE).read_to_string(&mut source).context("同義語辞書を展開できません")?;
    let table = compile(&source);
    let mut work = tempfile::Builder::new()
        .prefix(".sudachi-build-")
        .tempfile_in(cache_root)
        .context("同義語辞書の作業ファイルを作れません")?;
    std::io::Write::write_all(&mut work, table.as_bytes())?;
    // Losing the race to another process is fine: its table is the same.
    match work.persist(&target) {
        Ok(_) => Ok(target),
        Err(_) if target.is_file() => Ok(target),
        Err(e) => Err(e.error).with_context(|| format!("同義語辞書を {} に置けません", target.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
001446,1,0,1,0,0,0,(政治),行政改革,,
001446,1,0,1,0,2,0,(政治),行革,,

013456,1,0,1,0,0,0,(人),高齢者,,
013456,1,0,2,0,0,0,(人),年寄り,,
013456,1,1,5,0,0,0,(人),シニア,,
013456,1,2,6,0,0,0,(人),老いぼれ,,

000448,1,0,1,0,0,0,(),ターゲット,,
000448,1,1,4,0,0,0,(),目標,,
000448,1,1,3,0,0,0,(),案,,
";

    fn sample() -> Dictionary {
        Dictionary::from_table(compile(SAMPLE))
    }

    #[test]
    fn abbreviations_are_the_same_word() {
        let d = sample();
        assert_eq!(d.expand("行革"), [("行政改革", Relation::Same)]);
        assert_eq!(d.expand("行政改革"), [("行革", Relation::Same)]);
    }

    #[test]
    fn other_lexemes_are_near() {
        assert_eq!(sample().expand("年寄り"), [("高齢者", Relation::Near), ("シニア", Relation::Near)]);
    }

    #[test]
    fn expansion_flags_are_honoured() {
        let d = sample();
        // 1: expanded to, never a trigger.
        assert!(d.expand("シニア").is_empty());
        assert!(d.expand("目標").is_empty());
        assert_eq!(d.expand("ターゲット"), [("目標", Relation::Near)]);
        // 2: never used either way.
        assert!(d.expand("老いぼれ").is_empty());
        assert!(!d.expand("高齢者").iter().any(|(w, _)| *w == "老いぼれ"));
        // One letter is never a synonym.
        assert!(!d.expand("ターゲット").iter().any(|(w, _)| *w == "案"));
        assert!(d.expand("存在しない語").is_empty());
        assert!(d.expand("").is_empty());
        // The first and the last line are found too.
        let first = d.bytes().split(|&b| b == b'\t').next().map(|k| String::from_utf8(k.to_vec()).unwrap()).unwrap();
        assert!(!d.expand(&first).is_empty());
    }

    #[test]
    fn the_vendored_dictionary_compiles_into_the_cache_once() {
        let dir = tempfile::tempdir().unwrap();
        let started = std::time::Instant::now();
        let d = Dictionary::load(dir.path()).unwrap();
        let first = started.elapsed();
        assert!(d.len() > 40_000, "{} words", d.len());
        assert!(d.expand("行革").contains(&("行政改革", Relation::Same)));
        assert!(d.expand("コンビニ").iter().any(|(w, _)| *w == "コンビニエンスストア"));
        let started = std::time::Instant::now();
        let again = Dictionary::load(dir.path()).unwrap();
        let second = started.elapsed();
        eprintln!("sudachi: compiled in {first:?}, loaded from the cache in {second:?}");
        assert_eq!(again.len(), d.len());
        // Every line is found by its own key.
        let text = String::from_utf8(again.bytes().to_vec()).unwrap();
        for line in text.lines().step_by(97) {
            let key = line.split('\t').next().unwrap();
            assert!(!again.expand(key).is_empty(), "{key}");
        }
        let files: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(files.len(), 1, "no work files are left behind");
    }
}
