//! A leaky bucket: the sandbox enforces Veeqo's limit with it, and the bulk sender paces
//! itself with the same arithmetic. Time is passed in, so both are testable.

#[derive(Clone, Debug, PartialEq)]
pub struct LeakyBucket {
    capacity: f64,
    per_second: f64,
    level: f64,
    last_ms: u64,
}

impl LeakyBucket {
    pub fn new(capacity: u32, per_second: u32) -> Self {
        LeakyBucket::with_rate(f64::from(capacity), f64::from(per_second))
    }

    /// A bucket with a fractional rate (a client sending two requests per payload paces
    /// payloads at half the API's rate). At least one request always fits.
    pub fn with_rate(capacity: f64, per_second: f64) -> Self {
        LeakyBucket {
            capacity: capacity.max(1.0),
            per_second: per_second.max(0.001),
            level: 0.0,
            last_ms: 0,
        }
    }

    /// Veeqo's documented limit: 5 requests a second, a bucket of 100.
    pub fn veeqo() -> Self {
        LeakyBucket::new(100, 5)
    }

    fn drain(&mut self, now_ms: u64) {
        let elapsed = now_ms.saturating_sub(self.last_ms) as f64 / 1000.0;
        self.level = (self.level - elapsed * self.per_second).max(0.0);
        self.last_ms = self.last_ms.max(now_ms);
    }

    /// Takes room for one request, or says how many milliseconds until there is room.
    pub fn try_acquire(&mut self, now_ms: u64) -> Result<(), u64> {
        self.drain(now_ms);
        if self.level + 1.0 <= self.capacity {
            self.level += 1.0;
            Ok(())
        } else {
            let wait_s = (self.level + 1.0 - self.capacity) / self.per_second;
            Err((wait_s * 1000.0).ceil() as u64)
        }
    }

    /// Takes the bucket as full: the server said so (a 429), whatever this side counted.
    pub fn fill(&mut self, now_ms: u64) {
        self.drain(now_ms);
        self.level = self.capacity;
    }

    /// How full the bucket is, for display.
    pub fn level(&mut self, now_ms: u64) -> f64 {
        self.drain(now_ms);
        self.level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_of_capacity_then_leak_rate() {
        let mut b = LeakyBucket::veeqo();
        for _ in 0..100 {
            assert!(b.try_acquire(1_000).is_ok());
        }
        assert_eq!(b.try_acquire(1_000), Err(200));
        // One request leaks out every 200 ms.
        assert!(b.try_acquire(1_200).is_ok());
        assert!(b.try_acquire(1_200).is_err());
        assert!(b.try_acquire(21_200).is_ok());
        assert!(b.level(21_200) <= 1.0);
    }

    #[test]
    fn a_filled_bucket_keeps_to_the_leak_rate() {
        let mut b = LeakyBucket::veeqo();
        assert!(b.try_acquire(0).is_ok());
        b.fill(0);
        assert_eq!(b.try_acquire(0), Err(200));
        assert!(b.try_acquire(200).is_ok());
    }
}
