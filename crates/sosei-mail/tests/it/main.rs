//! The outbox sender against a real SMTP conversation on loopback ([`sosei_mail::testing::SmtpPeer`]): messages
//! arrive intact in Japanese and English, transient refusals are tried again, permanent ones
//! given up, an unreachable server is retried, and the background sender delivers by itself.

use std::time::Duration;

use base64::Engine;
use sosei_core::outbox::{ComposedMessage, DeliveryState};
use sosei_core::{EmailAddress, Locale, OutboxMessageId};
use sosei_mail::{MailSettings, Mailer, RetryPolicy, deliver_due_messages, spawn_outbox_sender};
use sosei_store::Store;
use time::OffsetDateTime;

use sosei_mail::testing::{ReceivedMail, SmtpPeer};

/// A migrated SQLite store in a fresh folder, removed at the end, and an SMTP peer.
struct TestApp {
    store: Store,
    peer: SmtpPeer,
    settings: MailSettings,
    folder: std::path::PathBuf,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

async fn spawn_app() -> TestApp {
    let folder = std::env::temp_dir().join(format!("sosei_mail_{}", uuid::Uuid::new_v4().simple()));
    let store = Store::open_data_dir(&folder).await.expect("store");
    store.migrate().await.expect("migrations");
    let peer = SmtpPeer::start().await.expect("an SMTP peer");
    let settings =
        MailSettings::parse(&peer.url(), "Sosei 事務局 <noreply@example.org>").expect("settings");
    TestApp {
        store,
        peer,
        settings,
        folder,
    }
}

impl TestApp {
    async fn enqueue(
        &self,
        to: &str,
        locale: Locale,
        subject: &str,
        body: &str,
    ) -> OutboxMessageId {
        self.store
            .enqueue_outbox_message(
                None,
                &EmailAddress::parse(to).expect("address"),
                locale,
                &ComposedMessage {
                    subject: subject.to_owned(),
                    body: body.to_owned(),
                },
                OffsetDateTime::now_utc(),
            )
            .await
            .expect("queued")
    }

    async fn state(&self, id: OutboxMessageId) -> sosei_core::outbox::OutboxMessage {
        self.store.outbox_message(id).await.expect("message")
    }
}

/// A header's value with folded lines joined and RFC 2047 base64 words decoded.
fn header(mail: &ReceivedMail, name: &str) -> Option<String> {
    let (head, _) = mail.data.split_once("\r\n\r\n")?;
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let prefix = format!("{}:", name.to_ascii_lowercase());
    let raw = unfolded
        .split("\r\n")
        .find(|line| line.to_ascii_lowercase().starts_with(&prefix))?[prefix.len()..]
        .trim()
        .to_owned();
    let mut decoded = String::new();
    for word in raw.split(' ') {
        match word
            .strip_prefix("=?utf-8?b?")
            .and_then(|rest| rest.strip_suffix("?="))
        {
            Some(encoded) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .expect("base64 word");
                decoded.push_str(&String::from_utf8(bytes).expect("utf-8"));
            }
            None => {
                if !decoded.is_empty() {
                    decoded.push(' ');
                }
                decoded.push_str(word);
            }
        }
    }
    Some(decoded)
}

fn body(mail: &ReceivedMail) -> String {
    let (_, encoded) = mail.data.split_once("\r\n\r\n").expect("a body");
    let joined: String = encoded.split("\r\n").collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(joined.trim())
        .expect("base64 body");
    String::from_utf8(bytes).expect("utf-8 body")
}

#[tokio::test]
async fn messages_arrive_intact_in_both_languages_and_are_marked_sent() {
    let app = spawn_app().await;
    let japanese = app
        .enqueue(
            "nok@example.org",
            Locale::Ja,
            "【遠野 国際チーム】参加のご案内",
            "ノック 様\n\n「遠野 国際チーム」に、ぜひご参加いただきたくご案内します。\n.\n\nSosei",
        )
        .await;
    let english = app
        .enqueue(
            "li@example.org",
            Locale::En,
            "You are invited to take part: Tono international team",
            "Dear Li,\n\nWe would be glad to have you on the programme.\n\nSosei",
        )
        .await;
    let mailer = Mailer::new(&app.settings).expect("mailer");
    let round = deliver_due_messages(
        &app.store,
        &mailer,
        &RetryPolicy::default(),
        OffsetDateTime::now_utc(),
    )
    .await
    .expect("round");
    assert_eq!((round.sent, round.retrying, round.given_up), (2, 0, 0));

    let received = app.peer.received();
    assert_eq!(received.len(), 2);
    let to_nok = &received[0];
    assert!(
        to_nok.mail_from.contains("<noreply@example.org>"),
        "{}",
        to_nok.mail_from
    );
    assert_eq!(to_nok.rcpt_to.len(), 1);
    assert!(to_nok.rcpt_to[0].contains("<nok@example.org>"));
    assert_eq!(
        header(to_nok, "Subject").as_deref(),
        Some("【遠野 国際チーム】参加のご案内")
    );
    assert_eq!(header(to_nok, "Content-Language").as_deref(), Some("ja"));
    assert!(
        header(to_nok, "From")
            .expect("from")
            .contains("<noreply@example.org>")
    );
    // Line ends become CRLF on the wire; a line holding only a dot survives dot-stuffing.
    assert_eq!(
        body(to_nok).replace("\r\n", "\n"),
        "ノック 様\n\n「遠野 国際チーム」に、ぜひご参加いただきたくご案内します。\n.\n\nSosei"
    );
    let to_li = &received[1];
    assert_eq!(
        header(to_li, "Subject").as_deref(),
        Some("You are invited to take part: Tono international team")
    );
    assert_eq!(header(to_li, "Content-Language").as_deref(), Some("en"));

    for id in [japanese, english] {
        let message = app.state(id).await;
        assert!(
            matches!(message.delivery_state(), DeliveryState::Sent(_)),
            "{message:?}"
        );
        assert_eq!(message.attempts, 1);
    }
    // Nothing is sent twice.
    let again = deliver_due_messages(
        &app.store,
        &mailer,
        &RetryPolicy::default(),
        OffsetDateTime::now_utc(),
    )
    .await
    .expect("round");
    assert_eq!(again.handled(), 0);
    assert_eq!(app.peer.received().len(), 2);
}

#[tokio::test]
async fn a_busy_mailbox_is_tried_again_and_an_unknown_one_is_given_up() {
    let app = spawn_app().await;
    let busy = app
        .enqueue("busy@example.org", Locale::Ja, "一通目", "本文")
        .await;
    let unknown = app
        .enqueue("nobody@example.org", Locale::Ja, "二通目", "本文")
        .await;
    app.peer.queue_rcpt_replies(&[
        "451 4.2.1 mailbox busy, try later",
        "550 5.1.1 no such user here",
    ]);
    let mailer = Mailer::new(&app.settings).expect("mailer");
    let policy = RetryPolicy::default();
    // The store keeps whole seconds.
    let now = OffsetDateTime::from_unix_timestamp(OffsetDateTime::now_utc().unix_timestamp())
        .expect("now");
    let round = deliver_due_messages(&app.store, &mailer, &policy, now)
        .await
        .expect("round");
    assert_eq!((round.sent, round.retrying, round.given_up), (0, 1, 1));
    assert!(app.peer.received().is_empty());

    match app.state(busy).await.delivery_state() {
        DeliveryState::Retrying {
            attempts,
            next_attempt_at,
            last_error,
        } => {
            assert_eq!(attempts, 1);
            assert_eq!(next_attempt_at, Some(now + policy.first_delay));
            assert!(last_error.expect("error").contains("mailbox busy"));
        }
        other => panic!("expected Retrying, got {other:?}"),
    }
    match app.state(unknown).await.delivery_state() {
        DeliveryState::Failed { error, .. } => {
            assert!(error.expect("error").contains("no such user"));
        }
        other => panic!("expected Failed, got {other:?}"),
    }

    // Not before its time; then it goes, and the given-up one stays given up.
    let early = deliver_due_messages(
        &app.store,
        &mailer,
        &policy,
        now + time::Duration::seconds(30),
    )
    .await
    .expect("round");
    assert_eq!(early.handled(), 0);
    let later = deliver_due_messages(&app.store, &mailer, &policy, now + policy.first_delay)
        .await
        .expect("round");
    assert_eq!((later.sent, later.retrying, later.given_up), (1, 0, 0));
    let received = app.peer.received();
    assert_eq!(received.len(), 1);
    assert_eq!(header(&received[0], "Subject").as_deref(), Some("一通目"));
    assert_eq!(app.state(busy).await.attempts, 2);
    assert!(matches!(
        app.state(unknown).await.delivery_state(),
        DeliveryState::Failed { .. }
    ));
}

#[tokio::test]
async fn an_unreachable_server_is_retried_and_the_last_attempt_gives_up() {
    let app = spawn_app().await;
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let settings = MailSettings::parse(
        &format!("smtp://127.0.0.1:{closed_port}"),
        "noreply@example.org",
    )
    .expect("settings");
    let mailer = Mailer::new(&settings).expect("mailer");
    let id = app
        .enqueue("nok@example.org", Locale::En, "Hello", "Body")
        .await;
    let policy = RetryPolicy {
        max_attempts: 2,
        ..RetryPolicy::default()
    };
    let now = OffsetDateTime::now_utc();
    let first = deliver_due_messages(&app.store, &mailer, &policy, now)
        .await
        .expect("round");
    assert_eq!(first.retrying, 1);
    let message = app.state(id).await;
    assert!(
        message
            .last_error
            .as_deref()
            .is_some_and(|error| !error.is_empty())
    );
    let second = deliver_due_messages(&app.store, &mailer, &policy, now + policy.first_delay)
        .await
        .expect("round");
    assert_eq!(second.given_up, 1, "the second of two attempts gives up");
    assert!(matches!(
        app.state(id).await.delivery_state(),
        DeliveryState::Failed { .. }
    ));
}

#[tokio::test]
async fn the_background_sender_delivers_what_is_queued_and_stops_when_asked() {
    let app = spawn_app().await;
    let mut settings = app.settings.clone();
    settings.poll_interval = Duration::from_millis(100);
    let sender =
        spawn_outbox_sender(app.store.clone(), &settings, RetryPolicy::default()).expect("sender");
    let id = app
        .enqueue("nok@example.org", Locale::Ja, "届きましたか", "本文")
        .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while app.peer.received().is_empty() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "nothing delivered within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while app.state(id).await.sent_at.is_none() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "not marked sent within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    sender.shutdown().await;
    app.enqueue("nok@example.org", Locale::Ja, "止めた後", "本文")
        .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        app.peer.received().len(),
        1,
        "a stopped sender sends nothing"
    );
}
