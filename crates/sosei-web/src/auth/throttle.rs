//! Sign-in throttling, per account and client address.
//!
//! # Design
//! Every attempt to sign in (or to confirm the current password when changing it) is counted
//! **before** the password is checked, by a compare-and-swap in the store
//! ([`sosei_store::Store::claim_sign_in_attempt_if`]): of many concurrent attempts only as many
//! as the rule allows get through to the (costly) check, whatever the number of app servers.
//!
//! The key is the account (the e-mail address as typed, normalised, whether or not an account
//! has it, so an answer says nothing about which addresses are registered) **together with the
//! client address** (an IPv4 address, or the /64 network of an IPv6 address, since one machine
//! holds a whole /64). The first [`ACCOUNT_AT_ADDRESS`]`.free_attempts` attempts are free; then
//! each further attempt waits a delay that doubles (1, 2, 4, 8 minutes, at most 15), counted
//! from the last attempt. A correct password clears the key; an hour without attempts forgets it.
//!
//! Why not a lock per account: then anyone could lock anyone out with five wrong passwords.
//! Keyed by account and address, someone guessing from their own machine is slowed to a few
//! guesses an hour, while the owner, from their own address, signs in as usual. An attacker
//! with many addresses gets a few guesses per address per hour; the argon2id cost and the cap on
//! concurrent hashes ([`super::password_gate`]) bound what that buys them.
//!
//! Behind a reverse proxy every request comes from the proxy's address, and the key falls back
//! to one per account (as strict as a lock per account); `WebConfig::client_address_header`
//! names the header the proxy writes the client's address into.

use std::net::IpAddr;

use sosei_core::EmailAddress;
use sosei_store::{AttemptClaim, LoginThrottle, Store, StoreError};
use time::{Duration, OffsetDateTime};

/// When attempts are free, how long the delays grow, and when an old count is forgotten.
#[derive(Debug, Clone, Copy)]
pub struct ThrottleRule {
    /// Attempts allowed in a row before the first delay.
    pub free_attempts: i64,
    /// The first delay; each further attempt doubles it.
    pub first_delay: Duration,
    /// The longest delay, so a forgotten password never waits long.
    pub longest_delay: Duration,
    /// A count this long after its last attempt starts again from nothing.
    pub forget_after: Duration,
}

/// The rule for one account at one client address.
pub const ACCOUNT_AT_ADDRESS: ThrottleRule = ThrottleRule {
    free_attempts: 5,
    first_delay: Duration::seconds(60),
    longest_delay: Duration::minutes(15),
    forget_after: Duration::hours(1),
};

/// Where an attempt comes from, as the throttle keys it: an IPv4 address, an IPv6 /64 network,
/// or `unknown` (no address known, as in tests that call the router directly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientNetwork(String);

impl ClientNetwork {
    pub fn of(address: Option<IpAddr>) -> ClientNetwork {
        let key = match address.map(|address| address.to_canonical()) {
            Some(IpAddr::V4(v4)) => v4.to_string(),
            Some(IpAddr::V6(v6)) => {
                let segments = v6.segments();
                format!(
                    "{:x}:{:x}:{:x}:{:x}::/64",
                    segments[0], segments[1], segments[2], segments[3]
                )
            }
            None => "unknown".to_owned(),
        };
        ClientNetwork(key)
    }
}

/// The throttle key of an account at a client network.
pub fn key_for_account_at(email: &EmailAddress, network: &ClientNetwork) -> String {
    format!("account-at:{}|{}", email.as_str(), network.0)
}

impl ThrottleRule {
    /// How long to wait after the last of `attempts` attempts (zero below the free ones).
    pub fn delay_after(&self, attempts: i64) -> Duration {
        if attempts < self.free_attempts {
            return Duration::ZERO;
        }
        let doublings = (attempts - self.free_attempts).min(16) as u32;
        (self.first_delay * 2_i32.saturating_pow(doublings)).min(self.longest_delay)
    }

    /// Whole seconds until another attempt is allowed, or `None` when it is allowed now.
    pub fn seconds_until_allowed(&self, state: &LoginThrottle, now: OffsetDateTime) -> Option<u64> {
        let last_attempt_at = state.last_failure_at?;
        let remaining = last_attempt_at + self.delay_after(state.consecutive_failures) - now;
        if remaining <= Duration::ZERO {
            return None;
        }
        // Round up so `Retry-After` never invites a retry that is still refused.
        let whole_seconds =
            remaining.whole_seconds() + i64::from(remaining.subsec_nanoseconds() > 0);
        Some(whole_seconds.max(1) as u64)
    }

    /// The state after one more attempt at `now`, or `None` while attempts must wait.
    pub fn after_one_more(
        &self,
        seen: &LoginThrottle,
        now: OffsetDateTime,
    ) -> Option<LoginThrottle> {
        let forgotten = seen
            .last_failure_at
            .is_some_and(|last| now - last >= self.forget_after);
        if forgotten {
            return Some(LoginThrottle {
                consecutive_failures: 1,
                last_failure_at: Some(now),
            });
        }
        if self.seconds_until_allowed(seen, now).is_some() {
            return None;
        }
        Some(LoginThrottle {
            consecutive_failures: seen.consecutive_failures + 1,
            last_failure_at: Some(now),
        })
    }
}

/// Whether an attempt may go on to the password check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Counted; check the password, then [`attempt_succeeded`] or leave the count.
    Admitted,
    Wait {
        retry_after_seconds: u64,
    },
}

/// Count an attempt for `email` from `network` at `now`, if the rule allows one.
pub async fn admit_attempt(
    store: &Store,
    email: &EmailAddress,
    network: &ClientNetwork,
    now: OffsetDateTime,
) -> Result<Admission, StoreError> {
    let key = key_for_account_at(email, network);
    let rule = ACCOUNT_AT_ADDRESS;
    match store
        .claim_sign_in_attempt_if(&key, |seen| rule.after_one_more(seen, now))
        .await?
    {
        AttemptClaim::Claimed(_) => Ok(Admission::Admitted),
        AttemptClaim::Refused(state) => Ok(Admission::Wait {
            retry_after_seconds: rule.seconds_until_allowed(&state, now).unwrap_or(1),
        }),
    }
}

/// The password was right: the count for this account at this address starts again.
pub async fn attempt_succeeded(
    store: &Store,
    email: &EmailAddress,
    network: &ClientNetwork,
) -> Result<(), StoreError> {
    store
        .clear_login_failures(&key_for_account_at(email, network))
        .await
}

/// The attempt was admitted but never checked (the server was too busy): it does not count.
pub async fn attempt_not_checked(
    store: &Store,
    email: &EmailAddress,
    network: &ClientNetwork,
) -> Result<(), StoreError> {
    store
        .give_back_sign_in_attempt(&key_for_account_at(email, network))
        .await
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn state(attempts: i64, last_attempt_at: OffsetDateTime) -> LoginThrottle {
        LoginThrottle {
            consecutive_failures: attempts,
            last_failure_at: Some(last_attempt_at),
        }
    }

    #[test]
    fn delays_start_after_the_free_attempts_and_double_to_a_cap() {
        let rule = ACCOUNT_AT_ADDRESS;
        assert_eq!(rule.delay_after(0), Duration::ZERO);
        assert_eq!(rule.delay_after(4), Duration::ZERO);
        assert_eq!(rule.delay_after(5), Duration::seconds(60));
        assert_eq!(rule.delay_after(6), Duration::seconds(120));
        assert_eq!(rule.delay_after(7), Duration::seconds(240));
        assert_eq!(rule.delay_after(9), Duration::seconds(900));
        assert_eq!(rule.delay_after(1000), Duration::seconds(900));
    }

    #[test]
    fn remaining_time_counts_down_from_the_last_attempt() {
        let rule = ACCOUNT_AT_ADDRESS;
        let at = datetime!(2026-04-01 10:00:00 UTC);
        let waiting = state(5, at);
        assert_eq!(rule.seconds_until_allowed(&waiting, at), Some(60));
        assert_eq!(
            rule.seconds_until_allowed(&waiting, at + Duration::milliseconds(59_500)),
            Some(1)
        );
        assert_eq!(
            rule.seconds_until_allowed(&waiting, at + Duration::seconds(60)),
            None
        );
        assert_eq!(rule.seconds_until_allowed(&state(4, at), at), None);
        let never = LoginThrottle {
            consecutive_failures: 0,
            last_failure_at: None,
        };
        assert_eq!(rule.seconds_until_allowed(&never, at), None);
    }

    #[test]
    fn one_more_attempt_is_counted_refused_or_starts_afresh() {
        let rule = ACCOUNT_AT_ADDRESS;
        let at = datetime!(2026-04-01 10:00:00 UTC);
        assert_eq!(rule.after_one_more(&state(4, at), at), Some(state(5, at)));
        assert_eq!(rule.after_one_more(&state(5, at), at), None);
        let later = at + Duration::seconds(61);
        assert_eq!(
            rule.after_one_more(&state(5, at), later),
            Some(state(6, later))
        );
        let much_later = at + Duration::hours(1);
        assert_eq!(
            rule.after_one_more(&state(9, at), much_later),
            Some(state(1, much_later))
        );
    }

    #[test]
    fn an_ipv6_machine_is_keyed_by_its_network() {
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let other: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let elsewhere: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(ClientNetwork::of(Some(one)), ClientNetwork::of(Some(other)));
        assert_ne!(
            ClientNetwork::of(Some(one)),
            ClientNetwork::of(Some(elsewhere))
        );
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        let v4: IpAddr = "192.0.2.1".parse().unwrap();
        assert_eq!(ClientNetwork::of(Some(mapped)), ClientNetwork::of(Some(v4)));
        assert_eq!(ClientNetwork::of(None).0, "unknown");
    }
}
