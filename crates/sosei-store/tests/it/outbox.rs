//! Stories of delivering the outbox: claims with a lease (no message goes to two senders),
//! failures with a retry time or given up, queueing a given-up message again.

use sosei_core::outbox::{ComposedMessage, DeliveryState};
use sosei_core::{EmailAddress, Locale, OutboxMessageId};
use sosei_store::{OUTBOX_ERROR_MAX_CHARS, StoreError};

use crate::{TestStore, moment};

fn composed(subject: &str) -> ComposedMessage {
    ComposedMessage {
        subject: subject.to_owned(),
        body: format!("{subject}\n\nSosei"),
    }
}

fn ids(messages: &[sosei_core::outbox::OutboxMessage]) -> Vec<OutboxMessageId> {
    messages.iter().map(|message| message.id).collect()
}

pub async fn outbox_delivery_claims_and_retries(test_store: &TestStore) {
    let store = &test_store.store;
    let email = EmailAddress::parse("nok@example.org").expect("address");
    let mut queued = Vec::new();
    for subject in ["一通目", "二通目", "三通目"] {
        queued.push(
            store
                .enqueue_outbox_message(None, &email, Locale::Ja, &composed(subject), moment(100))
                .await
                .expect("queued"),
        );
    }
    let waiting = store.outbox_message(queued[0]).await.expect("read");
    assert_eq!(waiting.delivery_state(), DeliveryState::Waiting);
    assert_eq!(waiting.subject, "一通目");

    // Two senders (two app servers) claim at the same moment: each message goes to one of them.
    let other = test_store.open_another().await;
    let (first, second) = tokio::join!(
        store.claim_due_outbox_messages(moment(200), moment(500), 10),
        other.claim_due_outbox_messages(moment(200), moment(500), 10),
    );
    let (first, second) = (first.expect("claim"), second.expect("claim"));
    let mut claimed = ids(&first);
    claimed.extend(ids(&second));
    claimed.sort();
    assert_eq!(claimed, queued, "every message claimed exactly once");
    assert!(
        first
            .iter()
            .chain(&second)
            .all(|message| message.attempts == 1 && message.next_attempt_at == Some(moment(500)))
    );

    // Leased: nobody takes them until the lease ends.
    assert!(
        store
            .claim_due_outbox_messages(moment(499), moment(800), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    // The sender died: the lease ends and the oldest come back, oldest first, within the limit.
    let again = store
        .claim_due_outbox_messages(moment(500), moment(800), 2)
        .await
        .expect("claim");
    assert_eq!(ids(&again), queued[..2].to_vec());
    assert!(again.iter().all(|message| message.attempts == 2));

    // A transient failure waits for its retry time; a permanent one is given up.
    store
        .record_outbox_delivery_failure(
            queued[0],
            "451 4.3.0 try again later",
            Some(moment(900)),
            moment(510),
        )
        .await
        .expect("failure");
    let long_error = "550 5.1.1 no such mailbox ".repeat(100);
    store
        .record_outbox_delivery_failure(queued[1], &long_error, None, moment(510))
        .await
        .expect("given up");
    assert!(
        store
            .mark_outbox_message_sent(queued[2], moment(520))
            .await
            .expect("sent")
    );
    // Recording a failure of a message already sent changes nothing.
    store
        .record_outbox_delivery_failure(queued[2], "late", None, moment(530))
        .await
        .expect("no-op");

    let retrying = store.outbox_message(queued[0]).await.expect("read");
    assert_eq!(
        retrying.delivery_state(),
        DeliveryState::Retrying {
            attempts: 2,
            next_attempt_at: Some(moment(900)),
            last_error: Some("451 4.3.0 try again later"),
        }
    );
    let given_up = store.outbox_message(queued[1]).await.expect("read");
    match given_up.delivery_state() {
        DeliveryState::Failed { at, error } => {
            assert_eq!(at, moment(510));
            let error = error.expect("the error is kept");
            assert_eq!(error.chars().count(), OUTBOX_ERROR_MAX_CHARS);
            assert!(error.starts_with("550 5.1.1"));
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    let sent = store.outbox_message(queued[2]).await.expect("read");
    assert_eq!(sent.delivery_state(), DeliveryState::Sent(moment(520)));
    assert_eq!(sent.last_error, None);

    assert_eq!(
        ids(&store.pending_outbox_messages(10).await.expect("pending")),
        vec![queued[0]]
    );
    assert!(
        store
            .claim_due_outbox_messages(moment(899), moment(1_200), 10)
            .await
            .expect("claim")
            .is_empty(),
        "neither before the retry time nor the given-up message"
    );
    let retried = store
        .claim_due_outbox_messages(moment(900), moment(1_200), 10)
        .await
        .expect("claim");
    assert_eq!(ids(&retried), vec![queued[0]]);
    assert_eq!(retried[0].attempts, 3);

    // A site admin queues the given-up message again: due at once, attempts counted afresh.
    assert!(
        store
            .requeue_outbox_message(queued[1])
            .await
            .expect("requeued")
    );
    assert!(
        !store
            .requeue_outbox_message(queued[2])
            .await
            .expect("already sent")
    );
    assert!(matches!(
        store.requeue_outbox_message(OutboxMessageId(-1)).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .record_outbox_delivery_failure(OutboxMessageId(-1), "x", None, moment(1))
            .await,
        Err(StoreError::NotFound)
    ));
    let requeued = store
        .claim_due_outbox_messages(moment(1_000), moment(1_300), 10)
        .await
        .expect("claim");
    assert_eq!(ids(&requeued), vec![queued[1]]);
    assert_eq!(requeued[0].attempts, 1);
    assert_eq!(requeued[0].failed_at, None);
}
