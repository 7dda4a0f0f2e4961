//! How many threads of a build compute at once: `--threads T` means T cores' worth of work.
//!
//! A build runs two kinds of threads: the reading threads (reading a document, making its
//! records and tantivy documents) and tantivy's indexing threads (lindera over name and body,
//! postings). Each kind used to get T threads, so `--threads 1` kept two threads busy and used
//! both cores of a two-core machine, and `--threads 2` had no core left to gain (issue 12: two
//! threads built no faster than one). Both kinds now take one of T permits while they compute:
//! a reading thread for the whole of one document, an indexing thread for each text lindera
//! analyses. Nobody holds a permit while it waits on the other side (a reading thread hands
//! its documents to tantivy only after giving its permit back), so neither side can starve the
//! other into a deadlock. What runs outside the permits is tantivy's postings and doc store
//! work, about a sixth of a build.

use std::sync::{Condvar, Mutex};

/// A counting semaphore: at most `permits` holders at once.
#[derive(Debug)]
pub struct Cores {
    /// Free permits, and how many threads wait for one.
    state: Mutex<(usize, usize)>,
    freed: Condvar,
}

/// One core's worth of work, given back when dropped.
pub struct Permit<'a> {
    cores: &'a Cores,
}

impl Cores {
    pub fn new(permits: usize) -> Cores {
        Cores { state: Mutex::new((permits.max(1), 0)), freed: Condvar::new() }
    }

    /// Waits for a free core.
    pub fn acquire(&self) -> Permit<'_> {
        // A poisoned lock only means a holder panicked; the count is still right.
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        while state.0 == 0 {
            state.1 += 1;
            state = self.freed.wait(state).unwrap_or_else(|p| p.into_inner());
            state.1 -= 1;
        }
        state.0 -= 1;
        Permit { cores: self }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.cores.state.lock().unwrap_or_else(|p| p.into_inner());
        state.0 += 1;
        // tantivy's threads take and give back a permit for every text: a wake-up call only
        // when someone waits.
        if state.1 > 0 {
            self.cores.freed.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn no_more_than_the_permits_compute_at_once() {
        for permits in [1, 2, 3] {
            let cores = Cores::new(permits);
            let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
            std::thread::scope(|s| {
                for _ in 0..6 {
                    s.spawn(|| {
                        for _ in 0..50 {
                            let _permit = cores.acquire();
                            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_micros(200));
                            running.fetch_sub(1, Ordering::SeqCst);
                        }
                    });
                }
            });
            assert_eq!(most.load(Ordering::SeqCst), permits, "{permits} permits");
        }
    }

    #[test]
    fn zero_permits_still_lets_one_through() {
        let cores = Cores::new(0);
        drop(cores.acquire());
        drop(cores.acquire());
    }
}
