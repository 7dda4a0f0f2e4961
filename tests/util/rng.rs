//! A small deterministic generator (xorshift), so a generated case, rewrite or distractor is the
//! same on every run. One copy for every test binary that draws.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// One of the vocabulary's words, drawn so that adding a word to the vocabulary changes only
    /// the draws the new word wins (rendezvous hashing): a staff member's new header word must
    /// not redraw every case the floors were set on.
    pub fn pick_word<'a>(&mut self, words: &'a [String]) -> &'a String {
        let r = self.next();
        let score = |w: &String| {
            let mut h = r ^ 0xcbf2_9ce4_8422_2325;
            for b in w.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^ (h >> 33)
        };
        words.iter().max_by_key(|w| score(w)).expect("the vocabulary has words of every role")
    }
}
