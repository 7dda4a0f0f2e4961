//! Records asked questions in batches. Each SQLite commit waits for the disk (about 1.5 ms
//! here with WAL and `synchronous=FULL`), so one commit per question would cap the server
//! near 700 answers/s; one writer thread commits whatever arrived meanwhile in one
//! transaction, and each request still gets its own answer id back.

use std::sync::mpsc;
use std::sync::Arc;

use tokio::sync::oneshot;

use crate::store::{Asked, Store};

/// Most questions one transaction takes.
const BATCH: usize = 512;

/// A question to record, owned so it can cross to the writer thread.
pub struct Question {
    pub question: String,
    pub intent: String,
    pub found: bool,
    pub answer: String,
}

type Job = (Question, oneshot::Sender<Option<String>>);

pub struct Recorder {
    jobs: mpsc::Sender<Job>,
}

impl Recorder {
    /// Starts the writer thread; it ends when the recorder is dropped.
    pub fn start(store: Arc<Store>) -> Recorder {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("planbot-recorder".into())
            .spawn(move || write_batches(&store, &queue))
            .expect("a thread for the recorder");
        Recorder { jobs }
    }

    /// Records a web question; its answer id, or `None` when it could not be recorded (the
    /// answer is still given, only feedback on it is impossible).
    pub async fn record(&self, question: Question) -> Option<String> {
        let (reply, id) = oneshot::channel();
        self.jobs.send((question, reply)).ok()?;
        id.await.ok().flatten()
    }
}

fn write_batches(store: &Store, queue: &mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let asked: Vec<Asked> = batch
            .iter()
            .map(|(q, _)| Asked {
                surface: "web",
                question: &q.question,
                intent: &q.intent,
                found: q.found,
                answer: &q.answer,
                server: None,
                user: None,
            })
            .collect();
        let ids = match store.record_questions(&asked) {
            Ok(ids) => ids.into_iter().map(Some).collect(),
            Err(e) => {
                tracing::warn!("could not record {} questions: {e:#}", batch.len());
                vec![None; batch.len()]
            }
        };
        for ((_, reply), id) in batch.into_iter().zip(ids) {
            let _ = reply.send(id);
        }
    }
}
