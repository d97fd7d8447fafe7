//! The admin outbox page: where each message's delivery stands, which mail server sends them,
//! and queueing a given-up message again (site admins only, CSRF required).

use axum::http::StatusCode;
use sosei_core::outbox::{ComposedMessage, DeliveryState};
use sosei_core::{EmailAddress, Locale};
use sosei_web::WebConfig;
use time::OffsetDateTime;

use crate::{spawn_app, spawn_app_with};

const PASSWORD: &str = "correct horse battery";

fn at(unix_seconds: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix_seconds).expect("a moment")
}

#[tokio::test]
async fn admins_see_each_message_s_delivery_and_can_send_a_given_up_one_again() {
    let app = spawn_app_with(WebConfig {
        mail_server: Some("smtp.example.org:587".into()),
        ..WebConfig::default()
    })
    .await;
    let store = &app.store;
    let mut queued = Vec::new();
    for (address, subject) in [
        ("waiting@example.jp", "【遠野】応募を受け付けました"),
        ("busy@example.jp", "【八女】参加のご案内"),
        ("gone@example.jp", "【浦幌】参加が決まりました"),
        ("sent@example.jp", "【下川】辞退を承りました"),
    ] {
        queued.push(
            store
                .enqueue_outbox_message(
                    None,
                    &EmailAddress::parse(address).expect("address"),
                    Locale::Ja,
                    &ComposedMessage {
                        subject: subject.into(),
                        body: "本文".into(),
                    },
                    at(1_700_000_000),
                )
                .await
                .expect("queued"),
        );
    }
    let claimed = store
        .claim_due_outbox_messages(at(1_700_000_100), at(1_700_000_400), 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 4);
    store
        .requeue_outbox_message(queued[0])
        .await
        .expect("back to waiting");
    store
        .record_outbox_delivery_failure(
            queued[1],
            "451 4.2.1 mailbox busy",
            Some(at(1_700_000_160)),
            at(1_700_000_100),
        )
        .await
        .expect("retry");
    store
        .record_outbox_delivery_failure(
            queued[2],
            "550 5.1.1 <gone@example.jp>: no such user",
            None,
            at(1_700_000_100),
        )
        .await
        .expect("given up");
    store
        .mark_outbox_message_sent(queued[3], at(1_700_000_100))
        .await
        .expect("sent");

    app.create_user("admin@sosei.test", "管理者", PASSWORD, true)
        .await;
    let mut admin = app.signed_in_browser("admin@sosei.test", PASSWORD).await;
    let page = admin.get("/admin/outbox").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(
        body.contains("メールサーバー smtp.example.org:587 から送信されます"),
        "{body}"
    );
    assert!(body.contains("未送信"), "{body}");
    // 1_700_000_160 is 2023-11-15 07:16 in Japan.
    assert!(
        body.contains("再送待ち（1回失敗、次回 2023年11月15日 07:16）"),
        "{body}"
    );
    assert!(body.contains("451 4.2.1 mailbox busy"), "{body}");
    assert!(body.contains("送信できませんでした"), "{body}");
    assert!(body.contains("no such user"), "{body}");
    assert!(body.contains("送信済み"), "{body}");
    let retry_path = format!("/admin/outbox/{}/retry", queued[2].0);
    assert!(
        body.contains(&format!("action=\"/ja{retry_path}\"")),
        "{body}"
    );
    assert_eq!(
        body.matches("/retry\"").count(),
        1,
        "only the given-up message offers to be sent again"
    );

    // Without the CSRF token nothing happens.
    let forged = admin.post_form(&retry_path, &[]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(matches!(
        store
            .outbox_message(queued[2])
            .await
            .expect("read")
            .delivery_state(),
        DeliveryState::Failed { .. }
    ));
    // Someone who is not a site admin may not.
    app.create_user("nok@example.jp", "ノック", PASSWORD, false)
        .await;
    let mut participant = app.signed_in_browser("nok@example.jp", PASSWORD).await;
    assert_eq!(
        participant.submit(&retry_path, &[]).await.status,
        StatusCode::FORBIDDEN
    );

    let retried = admin.submit(&retry_path, &[]).await;
    assert_eq!(retried.status, StatusCode::SEE_OTHER);
    assert_eq!(retried.location(), Some("/admin/outbox?notice=requeued"));
    let message = store.outbox_message(queued[2]).await.expect("read");
    assert_eq!(message.delivery_state(), DeliveryState::Waiting);
    let after = admin.get("/admin/outbox?notice=requeued").await;
    assert!(
        after.body.contains("もう一度送る列に戻しました"),
        "{}",
        after.body
    );
    assert_eq!(after.body.matches("/retry\"").count(), 0);

    // A message already sent stays sent.
    let sent_path = format!("/admin/outbox/{}/retry", queued[3].0);
    let already = admin.submit(&sent_path, &[]).await;
    assert_eq!(
        already.location(),
        Some("/admin/outbox?notice=already-sent")
    );
    assert_eq!(
        admin.submit("/admin/outbox/999999/retry", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn without_a_mail_server_the_page_says_messages_stay_here() {
    let app = spawn_app().await;
    app.create_user("admin@sosei.test", "Admin", PASSWORD, true)
        .await;
    let mut admin = app.signed_in_browser("admin@sosei.test", PASSWORD).await;
    admin.accept_language = Some("en");
    let page = admin.get("/admin/outbox").await;
    assert!(
        page.body
            .contains("No mail server is configured, so messages stay here unsent."),
        "{}",
        page.body
    );
}
