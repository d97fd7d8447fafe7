//! Small-sample statistics: Pol.is's proportion tests and Wilson score intervals.

use serde::{Deserialize, Serialize};

/// Agree, disagree and pass counts for one statement among some participants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
}

impl Tally {
    /// Everyone who answered, passes included (Pol.is's `ns`).
    pub fn seen(&self) -> u32 {
        self.agree + self.disagree + self.pass
    }

    pub fn add(&mut self, value: i8) {
        match value {
            1 => self.agree += 1,
            -1 => self.disagree += 1,
            _ => self.pass += 1,
        }
    }

    pub fn plus(&self, other: &Tally) -> Tally {
        Tally {
            agree: self.agree + other.agree,
            disagree: self.disagree + other.disagree,
            pass: self.pass + other.pass,
        }
    }

    /// Pol.is's smoothed agree probability (na + 1) / (ns + 2).
    pub fn smoothed_agree(&self) -> f64 {
        (f64::from(self.agree) + 1.0) / (f64::from(self.seen()) + 2.0)
    }

    pub fn smoothed_disagree(&self) -> f64 {
        (f64::from(self.disagree) + 1.0) / (f64::from(self.seen()) + 2.0)
    }
}

/// Pol.is's one-proportion test against 1/2: 2·sqrt(n+1)·((s+1)/(n+1) − 0.5).
pub fn proportion_test(successes: u32, n: u32) -> f64 {
    let s = f64::from(successes);
    let n = f64::from(n);
    2.0 * (n + 1.0).sqrt() * ((s + 1.0) / (n + 1.0) - 0.5)
}

/// Pol.is's two-proportion z test with one added to every count; 0 when the pooled rate is 1.
pub fn two_proportion_test(successes_1: u32, n_1: u32, successes_2: u32, n_2: u32) -> f64 {
    let (s1, n1, s2, n2) = (
        f64::from(successes_1) + 1.0,
        f64::from(n_1) + 1.0,
        f64::from(successes_2) + 1.0,
        f64::from(n_2) + 1.0,
    );
    let p1 = s1 / n1;
    let p2 = s2 / n2;
    let pooled = (s1 + s2) / (n1 + n2);
    if pooled >= 1.0 {
        return 0.0;
    }
    let spread = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if spread > 0.0 {
        (p1 - p2) / spread
    } else {
        0.0
    }
}

/// An interval for a rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// Wilson score interval for successes out of n; (0, 1) when n = 0. Unlike the textbook
/// p ± z·sqrt(p(1−p)/n) it stays inside [0, 1] and is not zero-width at 0 % or 100 %, which
/// matters for the small groups this is used on.
pub fn wilson_interval(successes: u32, n: u32, z: f64) -> Interval {
    if n == 0 {
        return Interval {
            low: 0.0,
            high: 1.0,
        };
    }
    let n = f64::from(n);
    let p = f64::from(successes) / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_a_worked_example() {
        // 8 of 10, z = 1.96: (0.4902, 0.9433).
        let interval = wilson_interval(8, 10, 1.96);
        assert!((interval.low - 0.4902).abs() < 1e-4, "{interval:?}");
        assert!((interval.high - 0.9433).abs() < 1e-4, "{interval:?}");
        let all = wilson_interval(5, 5, 1.96);
        assert!(all.low > 0.5 && all.low < 1.0 && all.high == 1.0);
    }

    #[test]
    fn proportion_tests_follow_the_polis_formulas() {
        // 2·sqrt(11)·(10/11 − 0.5)
        let expected = 2.0 * 11f64.sqrt() * (10.0 / 11.0 - 0.5);
        assert!((proportion_test(9, 10) - expected).abs() < 1e-12);
        assert_eq!(two_proportion_test(5, 5, 5, 5), 0.0);
        assert!(two_proportion_test(9, 10, 1, 10) > 2.0);
        assert!(two_proportion_test(1, 10, 9, 10) < -2.0);
    }
}
