//! Stories of the Social Contract, part two: applications with ranked preferences, reviews,
//! status changes (history and outbox in the same transaction), lost races.

use sosei_core::application::{
    ApplicationReview, ApplicationStatus, Motivation, NewApplication, PreferenceRank, ReviewNotes,
    ReviewScore,
};
use sosei_core::{Locale, ProgrammeId, ProgrammeStatus, UserId};
use sosei_store::StoreError;
use time::macros::date;

use crate::programme_details::{
    open_programme, open_tono_programme, open_urahoro_programme, organisation_with_coordinator,
};
use crate::{TestStore, moment, new_user};

fn application(programme: ProgrammeId, applicant: UserId, rank: u8) -> NewApplication {
    NewApplication {
        programme,
        applicant,
        rank: PreferenceRank::new(rank).expect("rank"),
        motivation: Motivation::parse("地域の観光を手伝いたいです。\nタイ語ができます。")
            .expect("motivation"),
    }
}

pub async fn applications_ranks_and_outbox(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let tono = open_tono_programme(store, &organisation).await;
    let urahoro = open_urahoro_programme(store, &organisation).await;
    let mut english_speaker = new_user("nok@example.jp", "Nok");
    english_speaker.preferred_locale = Some(Locale::En);
    let applicant = store
        .create_user(&english_speaker, moment(1_000))
        .await
        .expect("applicant");
    let japanese_reader = store
        .create_user(&new_user("hanako@example.jp", "花子"), moment(1_000))
        .await
        .expect("second applicant");

    // Two programmes, ranked.
    let first = store
        .apply(&application(tono.id, applicant.id, 1), moment(2_000))
        .await
        .expect("first choice");
    assert_eq!(first.status, ApplicationStatus::Submitted);
    assert_eq!(first.rank.get(), 1);
    assert_eq!(first.submitted_at, moment(2_000));
    let second = store
        .apply(&application(urahoro.id, applicant.id, 2), moment(2_100))
        .await
        .expect("second choice");
    assert_eq!(
        store
            .applications_of_user(applicant.id)
            .await
            .expect("mine"),
        vec![first.clone(), second.clone()]
    );

    // Uniqueness: one application per programme, one active application per rank.
    assert!(matches!(
        store.apply(&application(tono.id, applicant.id, 3), moment(2_200)).await,
        Err(StoreError::Conflict(message)) if message.contains("already applied")
    ));
    let yame = open_programme(
        store,
        &organisation,
        "八女",
        date!(2017 - 03 - 20),
        date!(2017 - 03 - 23),
    )
    .await;
    assert!(matches!(
        store.apply(&application(yame.id, applicant.id, 1), moment(2_200)).await,
        Err(StoreError::Conflict(message)) if message.contains("rank")
    ));
    // Not open: refused.
    store
        .set_programme_status(yame.id, ProgrammeStatus::Open, ProgrammeStatus::Closed)
        .await
        .expect("closed");
    assert!(matches!(
        store
            .apply(&application(yame.id, applicant.id, 3), moment(2_200))
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .apply(
                &application(ProgrammeId(-1), applicant.id, 3),
                moment(2_200)
            )
            .await,
        Err(StoreError::NotFound)
    ));

    // Swapping ranks works in one call; colliding ranks do not.
    store
        .set_application_ranks(
            applicant.id,
            &[
                (first.id, PreferenceRank::new(2).expect("rank")),
                (second.id, PreferenceRank::new(1).expect("rank")),
            ],
        )
        .await
        .expect("swapped");
    let ranks: Vec<(sosei_core::ApplicationId, u8)> = store
        .applications_of_user(applicant.id)
        .await
        .expect("mine")
        .iter()
        .map(|application| (application.id, application.rank.get()))
        .collect();
    assert_eq!(ranks, vec![(second.id, 1), (first.id, 2)]);
    assert!(matches!(
        store
            .set_application_ranks(
                applicant.id,
                &[(first.id, PreferenceRank::new(1).expect("rank"))]
            )
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .set_application_ranks(
                japanese_reader.id,
                &[(first.id, PreferenceRank::new(5).expect("rank"))]
            )
            .await,
        Err(StoreError::NotFound)
    ));

    // Review.
    let review = ApplicationReview {
        notes: Some(ReviewNotes::parse("タイ語ネイティブ。デザイン経験あり。").expect("notes")),
        score: Some(ReviewScore::new(4).expect("score")),
    };
    let reviewed = store
        .review_application(first.id, &review)
        .await
        .expect("reviewed");
    assert_eq!(reviewed.review, review);

    // The full path, each change with a history row and a message.
    let path = [
        (
            ApplicationStatus::Submitted,
            ApplicationStatus::Shortlisted,
            coordinator.id,
        ),
        (
            ApplicationStatus::Shortlisted,
            ApplicationStatus::Offered,
            coordinator.id,
        ),
        (
            ApplicationStatus::Offered,
            ApplicationStatus::Accepted,
            applicant.id,
        ),
        (
            ApplicationStatus::Accepted,
            ApplicationStatus::Completed,
            coordinator.id,
        ),
    ];
    for (step, (from, to, by)) in (1_i64..).zip(path) {
        let changed = store
            .change_application_status(first.id, from, to, by, moment(3_000 + step))
            .await
            .expect("status change");
        assert_eq!(changed.status, to);
        assert_eq!(changed.status_changed_at, moment(3_000 + step));
    }
    let history = store.application_history(first.id).await.expect("history");
    assert_eq!(history.len(), 5, "submission plus four changes");
    assert_eq!(history[0].from, None);
    assert_eq!(history[0].to, ApplicationStatus::Submitted);
    assert_eq!(history[0].by, applicant.id);
    assert_eq!(history[4].from, Some(ApplicationStatus::Accepted));
    assert_eq!(history[4].to, ApplicationStatus::Completed);
    assert_eq!(history[3].by, applicant.id);
    assert_eq!(history[4].at, moment(3_004));

    let messages = store
        .outbox_messages_for(applicant.id)
        .await
        .expect("outbox");
    // Two submissions plus four changes.
    assert_eq!(messages.len(), 6);
    assert!(messages.iter().all(|message| message.locale == Locale::En));
    assert!(
        messages
            .iter()
            .all(|message| message.email.as_str() == "nok@example.jp")
    );
    assert!(messages.iter().all(|message| message.sent_at.is_none()));
    assert_eq!(
        messages[0].subject,
        "We received your application: 遠野 (English)"
    );
    assert_eq!(
        messages[3].subject,
        "You are invited to take part: 遠野 (English)"
    );
    assert!(messages[3].body.starts_with("Dear Nok,"));

    // A final status goes nowhere; a stale `from` loses.
    assert!(matches!(
        store
            .change_application_status(
                first.id,
                ApplicationStatus::Completed,
                ApplicationStatus::Withdrawn,
                applicant.id,
                moment(4_000)
            )
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .change_application_status(first.id, ApplicationStatus::Submitted, ApplicationStatus::Shortlisted, coordinator.id, moment(4_000))
            .await,
        Err(StoreError::Conflict(message)) if message.contains("completed")
    ));
    assert!(matches!(
        store
            .change_application_status(
                sosei_core::ApplicationId(-1),
                ApplicationStatus::Submitted,
                ApplicationStatus::Shortlisted,
                coordinator.id,
                moment(4_000)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .outbox_messages_for(applicant.id)
            .await
            .expect("outbox")
            .len(),
        6,
        "refused changes send nothing"
    );

    // A completed application frees its rank: rank 2 can be given again.
    store
        .set_programme_status(yame.id, ProgrammeStatus::Closed, ProgrammeStatus::Open)
        .await
        .expect("reopened");
    store
        .apply(&application(yame.id, applicant.id, 2), moment(5_000))
        .await
        .expect("rank 2 is free again");

    // Japanese is the default language of messages.
    store
        .apply(&application(tono.id, japanese_reader.id, 1), moment(5_000))
        .await
        .expect("applied");
    let japanese = store
        .outbox_messages_for(japanese_reader.id)
        .await
        .expect("outbox");
    assert_eq!(japanese.len(), 1);
    assert_eq!(japanese[0].locale, Locale::Ja);
    assert_eq!(japanese[0].subject, "【遠野】応募を受け付けました");

    // Delivery marks a message once.
    let pending = store.pending_outbox_messages(100).await.expect("pending");
    assert_eq!(pending.len(), 8);
    assert!(
        store
            .mark_outbox_message_sent(pending[0].id, moment(6_000))
            .await
            .expect("sent")
    );
    assert!(
        !store
            .mark_outbox_message_sent(pending[0].id, moment(6_001))
            .await
            .expect("again")
    );
    assert_eq!(
        store
            .pending_outbox_messages(100)
            .await
            .expect("pending")
            .len(),
        7
    );
    assert_eq!(
        store.outbox_messages(1).await.expect("newest")[0].subject,
        "【遠野】応募を受け付けました"
    );
    assert!(matches!(
        store
            .mark_outbox_message_sent(sosei_core::OutboxMessageId(-1), moment(6_000))
            .await,
        Err(StoreError::NotFound)
    ));

    // Coordinators see a programme's applications in order of submission.
    let of_tono: Vec<UserId> = store
        .applications_of_programme(tono.id)
        .await
        .expect("applications")
        .iter()
        .map(|application| application.applicant)
        .collect();
    assert_eq!(of_tono, vec![applicant.id, japanese_reader.id]);
}

/// Two people answer the same offer at once (the applicant accepts in one tab and declines in
/// another, on two app servers): exactly one wins, the other gets `Conflict`, and only the
/// winner's change is in the history and the outbox.
pub async fn application_races(test_store: &TestStore) {
    let store = &test_store.store;
    let other_server = test_store.open_another().await;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let tono = open_tono_programme(store, &organisation).await;
    let applicant = store
        .create_user(&new_user("nok@example.jp", "Nok"), moment(1_000))
        .await
        .expect("applicant");
    let submitted = store
        .apply(&application(tono.id, applicant.id, 1), moment(2_000))
        .await
        .expect("applied");
    store
        .change_application_status(
            submitted.id,
            ApplicationStatus::Submitted,
            ApplicationStatus::Offered,
            coordinator.id,
            moment(2_001),
        )
        .await
        .expect("offered");

    let accept = {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .change_application_status(
                    submitted.id,
                    ApplicationStatus::Offered,
                    ApplicationStatus::Accepted,
                    applicant.id,
                    moment(3_000),
                )
                .await
        })
    };
    let decline = tokio::spawn(async move {
        other_server
            .change_application_status(
                submitted.id,
                ApplicationStatus::Offered,
                ApplicationStatus::Declined,
                applicant.id,
                moment(3_000),
            )
            .await
    });
    let results = [
        accept.await.expect("task ran"),
        decline.await.expect("task ran"),
    ];
    let winners: Vec<ApplicationStatus> = results
        .iter()
        .filter_map(|result| result.as_ref().ok().map(|application| application.status))
        .collect();
    assert_eq!(winners.len(), 1, "exactly one answer wins: {results:?}");
    assert!(
        results
            .iter()
            .any(|result| matches!(result, Err(StoreError::Conflict(_)))),
        "the loser is told it lost the race: {results:?}"
    );
    let stored = store.application(submitted.id).await.expect("read");
    assert_eq!(stored.status, winners[0]);
    let history = store
        .application_history(submitted.id)
        .await
        .expect("history");
    assert_eq!(history.len(), 3);
    assert_eq!(history[2].to, winners[0]);
    assert_eq!(
        store
            .outbox_messages_for(applicant.id)
            .await
            .expect("outbox")
            .len(),
        3,
        "submitted, offered and the winner's answer"
    );
}
