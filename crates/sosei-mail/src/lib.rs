//! Delivering the outbox by SMTP.
//!
//! Every message to a person (an application's status change, for now) is written to the
//! `outbox` table in the same transaction as the change it reports, so nothing is told that did
//! not happen and nothing that happened goes untold. This crate takes those messages to a mail
//! server:
//!
//! 1. **Claim.** [`deliver_due_messages`] asks the store for the messages that are due
//!    ([`Store::claim_due_outbox_messages`](sosei_store::Store::claim_due_outbox_messages)). Each
//!    claim counts an attempt and leases the message for [`RetryPolicy::lease`], so several app
//!    servers on one database never send the same message at once, and a server that dies while
//!    sending leaves the message to be claimed again when the lease ends.
//! 2. **Send.** Each message becomes a plain-text UTF-8 e-mail (base64 body, RFC 2047 subject,
//!    `Content-Language` of the recipient's language) sent through lettre's SMTP client, with
//!    STARTTLS or implicit TLS (rustls) as the [`MailSettings`] URL says.
//! 3. **Record.** Accepted by the server: `sent_at`. Refused for good (an SMTP 5xx reply): given up
//!    at once (`failed_at`), with the server's words kept for the admin outbox page. Any other
//!    failure (4xx, a refused connection, a timeout): tried again after a backoff that doubles
//!    from [`RetryPolicy::first_delay`] up to [`RetryPolicy::longest_delay`], and given up after
//!    [`RetryPolicy::max_attempts`]. A site admin can queue a given-up message again.
//!
//! Delivery is at least once: a server that dies after the mail server accepted a message but
//! before `sent_at` was written sends it again when the lease ends. That is the right side to
//! err on for "you are invited to take part".
//!
//! [`spawn_outbox_sender`] runs delivery rounds in the background every
//! [`MailSettings::poll_interval`] until told to stop.

mod compose;
mod deliver;
mod sender;
mod settings;
pub mod testing;

pub use compose::compose_email;
pub use deliver::{DeliveryRound, Mailer, RetryPolicy, SendFailure, deliver_due_messages};
pub use sender::{OutboxSender, spawn_outbox_sender};
pub use settings::{MailSettings, MailSettingsError};

/// One error type for this crate: what could not be turned into an e-mail.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the message cannot be written as an e-mail: {0}")]
    Compose(String),
    #[error(transparent)]
    Store(#[from] sosei_store::StoreError),
}
