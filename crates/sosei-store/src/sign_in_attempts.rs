//! Sign-in attempts counted before the password is checked, atomically on both backends.
//!
//! The web layer reads a key's [`LoginThrottle`], decides from it (its own policy) whether another
//! attempt may go ahead, and then claims the attempt with a compare-and-swap: a conditional
//! `INSERT … ON CONFLICT DO NOTHING RETURNING` for a key never seen, a conditional `UPDATE` that
//! matches only the state it read otherwise. Of several requests that read the same state, exactly
//! one claim succeeds; the others read again and see the new count, so concurrent requests cannot
//! all pass a check that each of them would pass alone. The rows are the `login_failures` rows,
//! with `consecutive_failures` counting attempts (claimed before the check, cleared on success).

use crate::convert::unix_seconds;
use crate::{LoginThrottle, Store, StoreError};

/// Stands for "no last attempt" in the comparison (no stored time is negative).
const NO_TIME: i64 = -1;

/// How often [`Store::claim_sign_in_attempt_if`] reads again after losing a race before it gives
/// up and refuses. Each lost race means another request's claim went through, so a request
/// that loses this often is in a crowd that the policy is about to refuse anyway.
const MOST_CLAIM_ROUNDS: usize = 32;

/// What [`Store::claim_sign_in_attempt_if`] came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptClaim {
    /// The attempt was counted; the key now holds this.
    Claimed(LoginThrottle),
    /// The policy refused the attempt at this state (or the races were lost too often).
    Refused(LoginThrottle),
}

impl Store {
    /// Count one attempt for `key` if `next` allows it: `next` gets the key's current state and
    /// answers the state to record (`None` refuses). Read, decide and a conditional write,
    /// repeated while another request changes the key in between, so the decision is always
    /// made on the state the write replaces.
    pub async fn claim_sign_in_attempt_if(
        &self,
        key: &str,
        next: impl Fn(&LoginThrottle) -> Option<LoginThrottle>,
    ) -> Result<AttemptClaim, StoreError> {
        let mut seen = self.login_throttle(key).await?;
        for _ in 0..MOST_CLAIM_ROUNDS {
            let Some(claimed) = next(&seen) else {
                return Ok(AttemptClaim::Refused(seen));
            };
            if self.claim_sign_in_attempt(key, &seen, &claimed).await? {
                return Ok(AttemptClaim::Claimed(claimed));
            }
            seen = self.login_throttle(key).await?;
        }
        Ok(AttemptClaim::Refused(seen))
    }

    /// Move `key` from `seen` (as read with [`Store::login_throttle`]) to `claimed`, only if it is
    /// still `seen`. `true` when this call made the change; `false` when someone else changed the
    /// key first (read it again and decide again).
    pub async fn claim_sign_in_attempt(
        &self,
        key: &str,
        seen: &LoginThrottle,
        claimed: &LoginThrottle,
    ) -> Result<bool, StoreError> {
        let claimed_at = claimed.last_failure_at.map_or(NO_TIME, unix_seconds);
        if seen.consecutive_failures == 0 && seen.last_failure_at.is_none() {
            // Never seen (or cleared): only the first of concurrent inserts gets a row back.
            let inserted: Option<String> = with_pool!(self, pool => {
                sqlx::query_scalar(
                    "INSERT INTO login_failures (key, consecutive_failures, last_failure_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key",
                )
                .bind(key)
                .bind(claimed.consecutive_failures)
                .bind(claimed_at)
                .fetch_optional(pool)
                .await?
            });
            return Ok(inserted.is_some());
        }
        let seen_at = seen.last_failure_at.map_or(NO_TIME, unix_seconds);
        let updated = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE login_failures SET consecutive_failures = $1, last_failure_at = $2 \
                 WHERE key = $3 AND consecutive_failures = $4 \
                 AND COALESCE(last_failure_at, -1) = $5",
            )
            .bind(claimed.consecutive_failures)
            .bind(claimed_at)
            .bind(key)
            .bind(seen.consecutive_failures)
            .bind(seen_at)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(updated == 1)
    }

    /// Give one claimed attempt back (a correct password from an address that had typos, or an
    /// attempt that was never checked because the server was busy). Never below zero.
    pub async fn give_back_sign_in_attempt(&self, key: &str) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query(
                "UPDATE login_failures SET consecutive_failures = consecutive_failures - 1 \
                 WHERE key = $1 AND consecutive_failures > 0",
            )
            .bind(key)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}
