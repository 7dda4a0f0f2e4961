//! BM25's statistics of an open index, counted once.
//!
//! Every term clause of a query asks tantivy for its document frequency over the whole index,
//! which is one term-dictionary lookup in each segment, and for its field's token count, one
//! more pass over the segments: an ask runs several searches of up to a hundred such clauses
//! (each word of the question in the name, body and section fields, and its bigrams), and a
//! national index has ten segments or more (issue 12). An open index is one generation that
//! never reloads, so these counts cannot change while it is open: they are remembered here, and
//! a search, or a question's words being weighed, reads them back instead of counting again.
//! The scores are the ones tantivy would compute, number for number.
//!
//! The memory is bounded: past [`REMEMBERED`] terms the table starts afresh.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// At most this many terms' document frequencies are kept (a few MB).
const REMEMBERED: usize = 100_000;

/// The counts remembered for one open index.
#[derive(Default)]
pub struct Statistics {
    doc_freq: Mutex<HashMap<Term, u64>>,
    tokens: Mutex<HashMap<Field, u64>>,
}

impl Statistics {
    /// The statistics of `searcher`, which must be a searcher of the index these counts were
    /// remembered for.
    pub fn of<'a>(&'a self, searcher: &'a Searcher) -> Counted<'a> {
        Counted { searcher, remembered: self }
    }
}

/// A searcher's statistics, read from memory when they were counted before.
pub struct Counted<'a> {
    searcher: &'a Searcher,
    remembered: &'a Statistics,
}

impl Bm25StatisticsProvider for Counted<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(n) = self.remembered.tokens.lock().unwrap_or_else(PoisonError::into_inner).get(&field) {
            return Ok(*n);
        }
        // Counted without the lock held: a panic in tantivy leaves the table usable.
        let n = self.searcher.total_num_tokens(field)?;
        self.remembered.tokens.lock().unwrap_or_else(PoisonError::into_inner).insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(n) = self.remembered.doc_freq.lock().unwrap_or_else(PoisonError::into_inner).get(term) {
            return Ok(*n);
        }
        let n = self.searcher.doc_freq(term)?;
        let mut table = self.remembered.doc_freq.lock().unwrap_or_else(PoisonError::into_inner);
        if table.len() >= REMEMBERED {
            table.clear();
        }
        table.insert(term.clone(), n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    #[test]
    fn remembered_counts_are_the_searchers_counts() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (i, text) in ["a b", "a c", "b c d", "a"].iter().enumerate() {
            writer.add_document(doc!(body => *text)).unwrap();
            if i == 1 {
                writer.commit().unwrap(); // two segments
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let statistics = Statistics::default();
        for _ in 0..2 {
            let counted = statistics.of(&searcher);
            for word in ["a", "b", "c", "d", "e"] {
                let term = Term::from_field_text(body, word);
                assert_eq!(counted.doc_freq(&term).unwrap(), searcher.doc_freq(&term).unwrap(), "{word}");
            }
            assert_eq!(counted.total_num_tokens(body).unwrap(), 8);
            assert_eq!(counted.total_num_docs().unwrap(), 4);
        }
    }

    #[test]
    fn the_table_starts_afresh_when_full() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let searcher = index.reader().unwrap().searcher();
        let statistics = Statistics::default();
        let counted = statistics.of(&searcher);
        for i in 0..=REMEMBERED {
            counted.doc_freq(&Term::from_field_text(body, &i.to_string())).unwrap();
        }
        assert_eq!(statistics.doc_freq.lock().unwrap().len(), 1);
    }
}
