//! Sign-in throttling: after [`FREE_FAILURES`] consecutive wrong passwords for one e-mail address,
//! that address is locked for a while, doubling with each further failure. The counts live in the
//! store, so the lock holds across several app servers.
//!
//! The key is the e-mail address as typed (after normalisation), whether or not an account has
//! it, so a locked answer says nothing about which addresses are registered.

use sosei_core::EmailAddress;
use sosei_store::LoginThrottle;
use time::{Duration, OffsetDateTime};

/// Wrong passwords allowed in a row before the first lock.
pub const FREE_FAILURES: i64 = 5;
/// The first lock; each further failure doubles it.
pub const FIRST_LOCKOUT: Duration = Duration::seconds(60);
/// The longest lock, so a forgotten account is never locked for long.
pub const LONGEST_LOCKOUT: Duration = Duration::minutes(15);

/// The throttle key of an e-mail address.
pub fn key_for_email(email: &EmailAddress) -> String {
    format!("email:{}", email.as_str())
}

/// How long the lock lasts after `consecutive_failures` failures (zero below the threshold).
pub fn lockout_length(consecutive_failures: i64) -> Duration {
    if consecutive_failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (consecutive_failures - FREE_FAILURES).min(16) as u32;
    let length = FIRST_LOCKOUT * 2_i32.saturating_pow(doublings);
    length.min(LONGEST_LOCKOUT)
}

/// Whole seconds until sign-in is allowed again, or `None` when it is allowed now.
pub fn seconds_until_allowed(throttle: &LoginThrottle, now: OffsetDateTime) -> Option<u64> {
    let last_failure_at = throttle.last_failure_at?;
    let unlocks_at = last_failure_at + lockout_length(throttle.consecutive_failures);
    let remaining = unlocks_at - now;
    if remaining <= Duration::ZERO {
        return None;
    }
    // Round up so `Retry-After` never invites a retry that is still refused.
    let whole_seconds = remaining.whole_seconds() + i64::from(remaining.subsec_nanoseconds() > 0);
    Some(whole_seconds.max(1) as u64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn throttle(consecutive_failures: i64, last_failure_at: OffsetDateTime) -> LoginThrottle {
        LoginThrottle {
            consecutive_failures,
            last_failure_at: Some(last_failure_at),
        }
    }

    #[test]
    fn lock_starts_at_the_fifth_failure_and_doubles_to_a_cap() {
        assert_eq!(lockout_length(0), Duration::ZERO);
        assert_eq!(lockout_length(4), Duration::ZERO);
        assert_eq!(lockout_length(5), Duration::seconds(60));
        assert_eq!(lockout_length(6), Duration::seconds(120));
        assert_eq!(lockout_length(7), Duration::seconds(240));
        assert_eq!(lockout_length(9), Duration::seconds(900));
        assert_eq!(lockout_length(1000), Duration::seconds(900));
    }

    #[test]
    fn remaining_time_counts_down_from_the_last_failure() {
        let failed_at = datetime!(2026-04-01 10:00:00 UTC);
        let locked = throttle(5, failed_at);
        assert_eq!(seconds_until_allowed(&locked, failed_at), Some(60));
        assert_eq!(
            seconds_until_allowed(&locked, failed_at + Duration::milliseconds(59_500)),
            Some(1)
        );
        assert_eq!(
            seconds_until_allowed(&locked, failed_at + Duration::seconds(60)),
            None
        );
        assert_eq!(
            seconds_until_allowed(&throttle(4, failed_at), failed_at),
            None
        );
        let never_failed = LoginThrottle {
            consecutive_failures: 0,
            last_failure_at: None,
        };
        assert_eq!(seconds_until_allowed(&never_failed, failed_at), None);
    }
}
