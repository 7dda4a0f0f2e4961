//! The per-user cooldown: at most a few questions in a short window, so one user (or a script
//! behind one account) cannot keep the bot busy for everyone else.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Cooldown {
    limit: usize,
    window: Duration,
    recent: Mutex<HashMap<u64, VecDeque<Instant>>>,
}

impl Cooldown {
    /// `limit` questions per `window` for each user.
    pub fn new(limit: usize, window: Duration) -> Cooldown {
        Cooldown { limit, window, recent: Mutex::new(HashMap::new()) }
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    pub fn window(&self) -> Duration {
        self.window
    }

    /// Counts a question of `user` at `now`: `Ok(())` to answer it, or how long to wait.
    pub fn check(&self, user: u64, now: Instant) -> Result<(), Duration> {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        // Forget users whose window has passed, so the map stays as small as the active users.
        if recent.len() > 10_000 {
            recent.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < self.window));
        }
        let times = recent.entry(user).or_default();
        while times.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            times.pop_front();
        }
        if times.len() >= self.limit {
            let oldest = *times.front().expect("limit is at least one question");
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }
}

/// What a user over the limit is told.
pub fn message(cooldown: &Cooldown, wait: Duration) -> String {
    format!(
        "質問が続いています。{} 秒ほどおいてから、もう一度お聞きください（{} 秒に {} 問まで答えます）。",
        wait.as_secs().max(1),
        cooldown.window().as_secs(),
        cooldown.limit()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_questions_pass_the_sixth_waits_and_the_window_slides() {
        let c = Cooldown::new(5, Duration::from_secs(10));
        let t0 = Instant::now();
        for i in 0..5 {
            assert!(c.check(1, t0 + Duration::from_secs(i)).is_ok());
        }
        let wait = c.check(1, t0 + Duration::from_secs(5)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(5));
        assert!(c.check(2, t0 + Duration::from_secs(5)).is_ok(), "other users are not affected");
        assert!(c.check(1, t0 + Duration::from_secs(10)).is_ok(), "the first question has left the window");
        assert!(message(&c, wait).contains("10 秒に 5 問"));
    }
}
