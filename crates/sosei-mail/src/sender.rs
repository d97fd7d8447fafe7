//! The background sender: a delivery round every poll interval, until stopped.

use std::sync::Arc;

use sosei_store::Store;
use time::OffsetDateTime;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::{MailSettings, MailSettingsError, Mailer, RetryPolicy};

/// A running sender. Dropping it without [`OutboxSender::shutdown`] leaves the task running
/// until the runtime ends.
pub struct OutboxSender {
    stop: Arc<Notify>,
    task: JoinHandle<()>,
}

impl OutboxSender {
    /// Stop after the message being sent, if any.
    pub async fn shutdown(self) {
        self.stop.notify_one();
        if let Err(error) = self.task.await {
            tracing::error!(%error, "the outbox sender failed");
        }
    }
}

/// Start sending the outbox through the mail server `settings` names.
pub fn spawn_outbox_sender(
    store: Store,
    settings: &MailSettings,
    policy: RetryPolicy,
) -> Result<OutboxSender, MailSettingsError> {
    let mailer = Mailer::new(settings)?;
    let poll_interval = settings.poll_interval;
    let stop = Arc::new(Notify::new());
    let stop_signal = Arc::clone(&stop);
    tracing::info!(server = mailer.server(), from = %settings.from, "sending the outbox by SMTP");
    let task = tokio::spawn(async move {
        loop {
            let round = tokio::select! {
                biased;
                () = stop_signal.notified() => return,
                round = crate::deliver_due_messages(&store, &mailer, &policy, OffsetDateTime::now_utc()) => round,
            };
            let more_waiting = match round {
                Ok(round) => {
                    let handled = round.handled();
                    if handled > 0 {
                        tracing::debug!(
                            sent = round.sent,
                            retrying = round.retrying,
                            given_up = round.given_up,
                            "delivery round"
                        );
                    }
                    i64::try_from(handled).is_ok_and(|handled| handled >= policy.batch)
                }
                Err(error) => {
                    tracing::error!(%error, "cannot read or update the outbox");
                    false
                }
            };
            if more_waiting {
                continue;
            }
            tokio::select! {
                () = stop_signal.notified() => return,
                () = tokio::time::sleep(poll_interval) => {}
            }
        }
    });
    Ok(OutboxSender { stop, task })
}
