//! Stories of the Social Contract, part four: match rounds and team assignments with locks, and
//! what a programme leaves behind (deliverables, testimonials, references).

use sosei_core::file::{MediaType, NewStoredFile, StoredFile};
use sosei_core::programme::after::{
    DeliverableKind, DeliverableLocation, NewDeliverable, NewReference, NewTestimonial,
    ReferenceDirection, ReferenceText, WebLink,
};
use sosei_core::programme::matching::{AssignmentSource, MatchWeights, NewMatchRound};
use sosei_core::{ApplicationId, LanguageCode, LocalizedText, TeamId};
use sosei_store::{MatcherWriteSummary, StoreError};
use time::macros::date;

use crate::hosts::{applicants, host};
use crate::programme_details::{
    language, open_programme, open_tono_programme, organisation_with_coordinator, thai_team,
};
use crate::{TestStore, moment};

pub async fn match_rounds_and_locks(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let (stranger_organisation, _) = organisation_with_coordinator(store, "other-npo").await;
    let tono = open_tono_programme(store, &organisation).await;
    let elsewhere = open_programme(
        store,
        &stranger_organisation,
        "八女",
        date!(2017 - 03 - 20),
        date!(2017 - 03 - 23),
    )
    .await;
    let team_a = store.add_team(tono.id, &thai_team()).await.expect("team");
    let team_b = store.add_team(tono.id, &thai_team()).await.expect("team");
    let foreign_team = store
        .add_team(elsewhere.id, &thai_team())
        .await
        .expect("team");
    let people = applicants(store, &tono, 3).await;

    let weights = MatchWeights::new(2.0, 1.0, 0.5).expect("weights");
    let round = store
        .create_match_round(
            &NewMatchRound {
                organisation: organisation.id,
                programmes: vec![tono.id, tono.id],
                created_by: coordinator.id,
                weights,
            },
            moment(3_000),
        )
        .await
        .expect("round");
    assert_eq!(round.programmes, vec![tono.id]);
    assert_eq!(round.weights, weights);
    assert_eq!(round.outcome_json, None);
    assert!(
        matches!(
            store
                .create_match_round(
                    &NewMatchRound {
                        organisation: organisation.id,
                        programmes: vec![elsewhere.id],
                        created_by: coordinator.id,
                        weights,
                    },
                    moment(3_000),
                )
                .await,
            Err(StoreError::NotFound)
        ),
        "a round covers only the organisation's programmes"
    );
    let outcome = r#"{"objective":12.5,"assignments":[[1,2]],"note":"遠野"}"#;
    let recorded = store
        .record_match_outcome(round.id, outcome, moment(3_100))
        .await
        .expect("recorded");
    assert_eq!(
        recorded.outcome_json.as_deref(),
        Some(outcome),
        "kept as given"
    );
    assert_eq!(recorded.outcome_recorded_at, Some(moment(3_100)));
    assert_eq!(
        store
            .match_rounds_of_organisation(organisation.id)
            .await
            .expect("rounds"),
        vec![recorded]
    );

    // The matcher proposes; the coordinator moves one person and locks them; the matcher runs
    // again and the lock holds.
    let proposal = [
        (people[0].id, team_a.id),
        (people[1].id, team_a.id),
        (people[2].id, team_b.id),
    ];
    assert_eq!(
        store
            .apply_matcher_assignments(round.id, &proposal, coordinator.id, moment(4_000))
            .await
            .expect("written"),
        MatcherWriteSummary {
            assigned: 3,
            kept_locked: 0,
            kept_excluded: 0
        }
    );
    let moved = store
        .assign_team(people[1].id, team_b.id, true, coordinator.id, moment(4_100))
        .await
        .expect("moved");
    assert_eq!(moved.team, team_b.id);
    assert!(moved.locked);
    assert_eq!(moved.source, AssignmentSource::Coordinator);
    assert_eq!(moved.match_round, None);
    let rerun = [(people[0].id, team_b.id), (people[1].id, team_a.id)];
    assert_eq!(
        store
            .apply_matcher_assignments(round.id, &rerun, coordinator.id, moment(5_000))
            .await
            .expect("written"),
        MatcherWriteSummary {
            assigned: 1,
            kept_locked: 1,
            kept_excluded: 0
        }
    );
    let teams: Vec<(ApplicationId, TeamId, bool)> = store
        .team_assignments_of_programme(tono.id)
        .await
        .expect("assignments")
        .iter()
        .map(|assignment| (assignment.application, assignment.team, assignment.locked))
        .collect();
    assert_eq!(
        teams,
        vec![
            (people[0].id, team_b.id, false),
            (people[1].id, team_b.id, true)
        ],
        "the lock held; an unlocked assignment left out of the new proposal is gone"
    );
    let matcher_made = store
        .team_assignments_of_programme(tono.id)
        .await
        .expect("assignments");
    assert_eq!(matcher_made[0].source, AssignmentSource::Matcher);
    assert_eq!(matcher_made[0].match_round, Some(round.id));

    // Unlock, and the next run may move them.
    store
        .set_assignment_locked(people[1].id, false, moment(6_000))
        .await
        .expect("unlocked");
    assert_eq!(
        store
            .apply_matcher_assignments(round.id, &rerun, coordinator.id, moment(6_100))
            .await
            .expect("written"),
        MatcherWriteSummary {
            assigned: 2,
            kept_locked: 0,
            kept_excluded: 0
        }
    );
    // A team of another programme is refused, by hand or by the matcher, and nothing changes.
    assert!(matches!(
        store
            .assign_team(
                people[0].id,
                foreign_team.id,
                false,
                coordinator.id,
                moment(7_000)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .apply_matcher_assignments(
                round.id,
                &[(people[2].id, foreign_team.id)],
                coordinator.id,
                moment(7_000)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .team_assignments_of_programme(tono.id)
            .await
            .expect("assignments")
            .len(),
        2
    );
    store
        .remove_team_assignment(people[0].id)
        .await
        .expect("removed");
    assert_eq!(
        store
            .team_assignments_of_programme(tono.id)
            .await
            .expect("assignments")
            .len(),
        1
    );
    assert!(matches!(
        store
            .set_assignment_locked(people[0].id, true, moment(8_000))
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn deliverables_testimonials_references(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let tono = open_tono_programme(store, &organisation).await;
    let people = applicants(store, &tono, 2).await;
    let family = store
        .create_host_family(&host(&organisation, "佐藤さん一家", 2))
        .await
        .expect("host");

    let leaflet = NewDeliverable {
        programme: tono.id,
        title: LocalizedText::new("タイ語の観光リーフレット", "Tourist leaflet in Thai"),
        kind: DeliverableKind::Leaflet,
        language: language("th"),
        location: DeliverableLocation::Link(
            WebLink::parse("https://example.jp/tono-th.pdf").expect("link"),
        ),
        added_by: coordinator.id,
    };
    // A file kept in the database: the same bytes come back, with their SHA-256.
    let pdf = b"%PDF-1.4\n\xe5\xa0\xb1\xe5\x91\x8a\n%%EOF".to_vec();
    let file = store
        .store_file(
            &NewStoredFile::parse("報告書.pdf", pdf.clone(), coordinator.id).expect("a pdf"),
            moment(2_999),
        )
        .await
        .expect("stored");
    assert_eq!(file.name.as_str(), "報告書.pdf");
    assert_eq!(file.media_type, MediaType::Pdf);
    assert_eq!(file.size_bytes, pdf.len() as u64);
    assert_eq!(file.sha256.len(), 64);
    let (read_back, content) = store.stored_file_content(file.id).await.expect("read");
    assert_eq!((read_back, content), (file.clone(), pdf));
    let report = NewDeliverable {
        title: LocalizedText::new("報告書", "Report"),
        kind: DeliverableKind::Report,
        language: LanguageCode::JAPANESE,
        location: DeliverableLocation::File(file.clone()),
        ..leaflet.clone()
    };
    let printed = NewDeliverable {
        title: LocalizedText::new("印刷したリーフレット", "Printed leaflet"),
        location: DeliverableLocation::Offline,
        ..leaflet.clone()
    };
    let first = store
        .add_deliverable(&leaflet, moment(3_000))
        .await
        .expect("added");
    let second = store
        .add_deliverable(&report, moment(3_001))
        .await
        .expect("added");
    let third = store
        .add_deliverable(&printed, moment(3_002))
        .await
        .expect("added");
    assert_eq!(first.details, leaflet);
    assert_eq!(second.details, report);
    assert_eq!(third.details.location, DeliverableLocation::Offline);
    assert_eq!(
        store
            .deliverables_of_programme(tono.id)
            .await
            .expect("list"),
        vec![first.clone(), second.clone(), third.clone()]
    );
    store.remove_deliverable(first.id).await.expect("removed");
    assert_eq!(
        store
            .deliverables_of_programme(tono.id)
            .await
            .expect("list")
            .len(),
        2
    );
    // A file in use stays; a deliverable's file goes with it.
    store
        .remove_unused_file(file.id)
        .await
        .expect("in use: kept");
    assert!(store.stored_file_content(file.id).await.is_ok());
    store.remove_deliverable(second.id).await.expect("removed");
    assert!(matches!(
        store.stored_file_content(file.id).await,
        Err(StoreError::NotFound)
    ));
    // A deliverable naming a file that does not exist is refused.
    let missing_file = StoredFile {
        id: sosei_core::StoredFileId(-1),
        ..file
    };
    assert!(matches!(
        store
            .add_deliverable(
                &NewDeliverable {
                    location: DeliverableLocation::File(missing_file),
                    ..report.clone()
                },
                moment(3_003)
            )
            .await,
        Err(StoreError::NotFound)
    ));

    let consented = store
        .add_testimonial(
            &NewTestimonial {
                programme: tono.id,
                author: people[0].applicant,
                text: LocalizedText::new("楽しかったです", "It was wonderful"),
                consent_to_publish: true,
            },
            moment(4_000),
        )
        .await
        .expect("testimonial");
    let private = store
        .add_testimonial(
            &NewTestimonial {
                programme: tono.id,
                author: people[1].applicant,
                text: LocalizedText::from_options(None, Some("Private thoughts".into())),
                consent_to_publish: false,
            },
            moment(4_001),
        )
        .await
        .expect("testimonial");
    assert_eq!(
        store.published_testimonials(tono.id).await.expect("public"),
        vec![consented.clone()]
    );
    assert_eq!(
        store
            .all_testimonials_of_programme(tono.id)
            .await
            .expect("all")
            .len(),
        2
    );
    assert!(matches!(
        store
            .add_testimonial(
                &NewTestimonial {
                    ..consented.details.clone()
                },
                moment(4_002)
            )
            .await,
        Err(StoreError::Conflict(_))
    ));
    let now_public = store
        .set_testimonial_consent(private.id, true)
        .await
        .expect("consent");
    assert!(now_public.details.consent_to_publish);
    store
        .set_testimonial_consent(consented.id, false)
        .await
        .expect("withdrawn");
    assert_eq!(
        store.published_testimonials(tono.id).await.expect("public"),
        vec![now_public]
    );

    let about_participant = NewReference {
        programme: tono.id,
        host: family.id,
        participant: people[0].applicant,
        direction: ReferenceDirection::HostAboutParticipant,
        written_by: coordinator.id,
        text: ReferenceText::parse("よく手伝ってくれました。").expect("text"),
    };
    let about_host = NewReference {
        direction: ReferenceDirection::ParticipantAboutHost,
        written_by: people[0].applicant,
        text: ReferenceText::parse("Warm and generous hosts.").expect("text"),
        ..about_participant.clone()
    };
    let first_reference = store
        .add_reference(&about_participant, moment(5_000))
        .await
        .expect("reference");
    let second_reference = store
        .add_reference(&about_host, moment(5_001))
        .await
        .expect("reference");
    assert_eq!(first_reference.details, about_participant);
    assert_eq!(
        store.references_of_programme(tono.id).await.expect("list"),
        vec![first_reference, second_reference]
    );
    assert!(matches!(
        store
            .add_reference(
                &NewReference {
                    host: sosei_core::HostFamilyId(-1),
                    ..about_host
                },
                moment(5_002)
            )
            .await,
        Err(StoreError::NotFound)
    ));
}
