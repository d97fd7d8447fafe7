//! One delivery round: claim the due messages, send each, record what happened.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sosei_core::outbox::OutboxMessage;
use sosei_store::Store;
use time::{Duration, OffsetDateTime};

use crate::{MailError, MailSettings, MailSettingsError, compose_email};

/// When to try again and when to give up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How long a claimed message is left to its sender before another may take it.
    pub lease: Duration,
    /// The wait after the first failed attempt; it doubles after each further one.
    pub first_delay: Duration,
    pub longest_delay: Duration,
    /// Attempts after which delivery is given up.
    pub max_attempts: u32,
    /// Messages claimed in one round.
    pub batch: i64,
}

impl Default for RetryPolicy {
    /// 1, 2, 4, … minutes up to 6 hours, given up after 10 attempts (about 17 hours in all).
    fn default() -> RetryPolicy {
        RetryPolicy {
            lease: Duration::minutes(5),
            first_delay: Duration::minutes(1),
            longest_delay: Duration::hours(6),
            max_attempts: 10,
            batch: 50,
        }
    }
}

impl RetryPolicy {
    /// When a message whose `attempts`-th attempt failed at `now` is tried again; `None` when it
    /// is given up.
    pub fn next_try(&self, attempts: u32, now: OffsetDateTime) -> Option<OffsetDateTime> {
        if attempts >= self.max_attempts {
            return None;
        }
        let doublings = attempts.saturating_sub(1).min(30);
        let delay = self
            .first_delay
            .checked_mul(1_i32 << doublings)
            .unwrap_or(self.longest_delay)
            .min(self.longest_delay);
        Some(now + delay)
    }
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryRound {
    pub sent: usize,
    /// Failed this time, to be tried again.
    pub retrying: usize,
    /// Given up: refused for good, or out of attempts.
    pub given_up: usize,
}

impl DeliveryRound {
    pub fn handled(&self) -> usize {
        self.sent + self.retrying + self.given_up
    }
}

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The server refused it for good (an SMTP 5xx reply), or it cannot be written as an e-mail.
    pub permanent: bool,
    /// What the server or the connection said.
    pub description: String,
}

impl std::fmt::Display for SendFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

/// An SMTP client and the sender's address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    server: String,
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Mailer, MailSettingsError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(settings.smtp_url())
            .map_err(|_| MailSettingsError::Url(settings.server().to_owned()))?
            .timeout(Some(settings.smtp_timeout))
            .build();
        Ok(Mailer {
            transport,
            from: settings.from.clone(),
            server: settings.server().to_owned(),
        })
    }

    /// The mail server, for messages.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Send one message now (the outbox is not touched).
    pub async fn send(&self, message: &OutboxMessage) -> Result<(), SendFailure> {
        let email = compose_email(message, &self.from).map_err(|error| SendFailure {
            permanent: true,
            description: error.to_string(),
        })?;
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            Err(error) => Err(SendFailure {
                permanent: error.is_permanent(),
                description: error.to_string(),
            }),
        }
    }
}

/// Claim the messages due at `now` and try each once. Store errors end the round (what was
/// claimed and not recorded is claimed again when its lease ends).
pub async fn deliver_due_messages(
    store: &Store,
    mailer: &Mailer,
    policy: &RetryPolicy,
    now: OffsetDateTime,
) -> Result<DeliveryRound, MailError> {
    let claimed = store
        .claim_due_outbox_messages(now, now + policy.lease, policy.batch)
        .await?;
    let mut round = DeliveryRound::default();
    for message in &claimed {
        match mailer.send(message).await {
            Ok(()) => {
                store
                    .mark_outbox_message_sent(message.id, OffsetDateTime::now_utc().max(now))
                    .await?;
                tracing::info!(message = message.id.0, to = %message.email, "mail sent");
                round.sent += 1;
            }
            Err(SendFailure {
                permanent,
                description: error,
            }) => {
                let retry_at = if permanent {
                    None
                } else {
                    policy.next_try(message.attempts, now)
                };
                store
                    .record_outbox_delivery_failure(message.id, &error, retry_at, now)
                    .await?;
                match retry_at {
                    Some(at) => {
                        tracing::warn!(message = message.id.0, attempts = message.attempts, %error, retry_at = %at, "mail not sent; will try again");
                        round.retrying += 1;
                    }
                    None => {
                        tracing::error!(message = message.id.0, attempts = message.attempts, %error, "mail not sent; given up");
                        round.given_up += 1;
                    }
                }
            }
        }
    }
    Ok(round)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_the_longest_then_delivery_is_given_up() {
        let policy = RetryPolicy::default();
        let now = OffsetDateTime::UNIX_EPOCH;
        let waits: Vec<Option<i64>> = (1..=11)
            .map(|attempts| {
                policy
                    .next_try(attempts, now)
                    .map(|at| (at - now).whole_minutes())
            })
            .collect();
        assert_eq!(
            waits,
            vec![
                Some(1),
                Some(2),
                Some(4),
                Some(8),
                Some(16),
                Some(32),
                Some(64),
                Some(128),
                Some(256),
                None,
                None
            ]
        );
        let patient = RetryPolicy {
            max_attempts: 100,
            ..policy
        };
        assert_eq!(patient.next_try(60, now), Some(now + Duration::hours(6)));
    }
}
