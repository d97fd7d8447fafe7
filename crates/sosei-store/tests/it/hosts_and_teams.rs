//! Stories of the Social Contract, part three: host families and placements within their beds
//! (also under concurrent attempts), match rounds and team assignments with locks, and what a
//! programme leaves behind.

use sosei_core::application::{Application, Motivation, NewApplication, PreferenceRank};
use sosei_core::host::{
    Beds, HostContact, HostName, NewHostFamily, NewPlacement, PlacementOutcome,
};
use sosei_core::participant_profile::DietaryRequirement;
use sosei_core::programme::after::{
    DeliverableKind, DeliverableLocation, NewDeliverable, NewReference, NewTestimonial,
    ReferenceDirection, ReferenceText, WebLink,
};
use sosei_core::programme::matching::{AssignmentSource, MatchWeights, NewMatchRound};
use sosei_core::{
    ApplicationId, DateRange, LanguageCode, LocalizedText, Organisation, Programme, TeamId,
};
use sosei_store::{MatcherWriteSummary, Store, StoreError};
use time::macros::date;

use crate::programme_details::{
    language, open_programme, organisation_with_coordinator, range, thai_team,
};
use crate::{TestStore, code, moment, new_user};

fn host(organisation: &Organisation, name: &str, beds: u8) -> NewHostFamily {
    NewHostFamily {
        organisation: organisation.id,
        region: code("032085"),
        name: HostName::parse(name).expect("name"),
        contact: Some(HostContact::parse("0198-00-0000").expect("contact")),
        beds: Beds::new(beds).expect("beds"),
        available: vec![range(date!(2017 - 09 - 01), date!(2017 - 09 - 20))],
        languages: vec![LanguageCode::JAPANESE, LanguageCode::ENGLISH],
        dietary_capabilities: vec![DietaryRequirement::Vegetarian, DietaryRequirement::Halal],
    }
}

/// `n` applicants applied to `programme` (first choice each).
async fn applicants(store: &Store, programme: &Programme, n: usize) -> Vec<Application> {
    let mut applications = Vec::new();
    for index in 0..n {
        let user = store
            .create_user(
                &new_user(
                    &format!("p{index}-{}@example.jp", programme.id),
                    &format!("参加者{index}"),
                ),
                moment(1_000),
            )
            .await
            .expect("user");
        applications.push(
            store
                .apply(
                    &NewApplication {
                        programme: programme.id,
                        applicant: user.id,
                        rank: PreferenceRank::new(1).expect("rank"),
                        motivation: Motivation::parse("参加したいです").expect("motivation"),
                    },
                    moment(2_000),
                )
                .await
                .expect("applied"),
        );
    }
    applications
}

fn placement(
    programme: &Programme,
    application: &Application,
    host: sosei_core::HostFamilyId,
    stay: DateRange,
) -> NewPlacement {
    NewPlacement {
        programme: programme.id,
        application: application.id,
        host,
        stay,
    }
}

pub async fn host_families_and_placements(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, _) = organisation_with_coordinator(store, "sosei-partners").await;
    let tono = open_programme(
        store,
        &organisation,
        "遠野",
        date!(2017 - 09 - 06),
        date!(2017 - 09 - 09),
    )
    .await;
    let other = open_programme(
        store,
        &organisation,
        "浦幌",
        date!(2017 - 09 - 12),
        date!(2017 - 09 - 17),
    )
    .await;

    let created = store
        .create_host_family(&host(&organisation, "佐藤さん一家", 2))
        .await
        .expect("host");
    assert_eq!(created.details, host(&organisation, "佐藤さん一家", 2));
    let mut changed = host(&organisation, "佐藤さん一家", 2);
    changed.languages = vec![language("th")];
    changed.dietary_capabilities = vec![DietaryRequirement::Vegan];
    changed
        .available
        .push(range(date!(2017 - 12 - 20), date!(2018 - 01 - 10)));
    let updated = store
        .update_host_family(created.id, &changed)
        .await
        .expect("updated");
    assert_eq!(updated.details, changed);
    let second = store
        .create_host_family(&host(&organisation, "阿部さん", 1))
        .await
        .expect("host");
    assert_eq!(
        store
            .host_families_of_organisation(organisation.id)
            .await
            .expect("list"),
        vec![updated.clone(), second.clone()],
        "by name"
    );

    let people = applicants(store, &tono, 4).await;
    let whole_stay = range(date!(2017 - 09 - 06), date!(2017 - 09 - 09));
    // Two beds: two overlapping stays fit, a third does not.
    for person in &people[..2] {
        assert!(matches!(
            store
                .place_participant(
                    &placement(&tono, person, created.id, whole_stay),
                    moment(3_000)
                )
                .await
                .expect("placed"),
            PlacementOutcome::Placed(_)
        ));
    }
    assert_eq!(
        store
            .place_participant(
                &placement(
                    &tono,
                    &people[2],
                    created.id,
                    range(date!(2017 - 09 - 09), date!(2017 - 09 - 12))
                ),
                moment(3_000)
            )
            .await
            .expect("refused"),
        PlacementOutcome::NoFreeBed,
        "the last day of the stay is full"
    );
    // After the others leave a bed is free again; a stay outside every window is refused.
    let later = store
        .place_participant(
            &placement(
                &tono,
                &people[2],
                created.id,
                range(date!(2017 - 09 - 10), date!(2017 - 09 - 12)),
            ),
            moment(3_000),
        )
        .await
        .expect("placed");
    let PlacementOutcome::Placed(later) = later else {
        panic!("a free bed after the others leave: {later:?}");
    };
    assert_eq!(
        later.details.stay,
        range(date!(2017 - 09 - 10), date!(2017 - 09 - 12))
    );
    assert_eq!(
        store
            .place_participant(
                &placement(
                    &tono,
                    &people[3],
                    created.id,
                    range(date!(2017 - 09 - 19), date!(2017 - 09 - 22))
                ),
                moment(3_000)
            )
            .await
            .expect("refused"),
        PlacementOutcome::HostUnavailable
    );
    let sato_occupancy = store
        .placements_of_host(created.id)
        .await
        .expect("placements");
    assert_eq!(sato_occupancy.len(), 3);
    // An application of another programme, or a missing family, is not found.
    assert!(matches!(
        store
            .place_participant(
                &placement(&other, &people[3], created.id, whole_stay),
                moment(3_000)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .place_participant(
                &placement(&tono, &people[3], sosei_core::HostFamilyId(-1), whole_stay),
                moment(3_000)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .placements_of_programme(tono.id)
            .await
            .expect("list")
            .len(),
        3
    );
    store.remove_placement(later.id).await.expect("removed");
    assert_eq!(
        store
            .placements_of_programme(tono.id)
            .await
            .expect("list")
            .len(),
        2
    );

    // Beds are counted per day, not per overlapping stay: in two beds, a stay that overlaps two
    // others (which do not overlap each other) fits; one more on a full day does not.
    let wide = store
        .create_host_family(&host(&organisation, "菊池さん", 2))
        .await
        .expect("host");
    let more = applicants(store, &other, 4).await;
    let early = range(date!(2017 - 09 - 01), date!(2017 - 09 - 05));
    let late = range(date!(2017 - 09 - 10), date!(2017 - 09 - 15));
    let middle = range(date!(2017 - 09 - 03), date!(2017 - 09 - 12));
    for (person, stay) in more.iter().zip([early, late, middle]) {
        assert!(
            matches!(
                store
                    .place_participant(&placement(&other, person, wide.id, stay), moment(4_000))
                    .await
                    .expect("placed"),
                PlacementOutcome::Placed(_)
            ),
            "{stay:?} fits"
        );
    }
    assert_eq!(
        store
            .place_participant(
                &placement(
                    &other,
                    &more[3],
                    wide.id,
                    range(date!(2017 - 09 - 04), date!(2017 - 09 - 04))
                ),
                moment(4_000)
            )
            .await
            .expect("refused"),
        PlacementOutcome::NoFreeBed
    );
    assert!(
        matches!(
            store
                .place_participant(
                    &placement(
                        &other,
                        &more[3],
                        wide.id,
                        range(date!(2017 - 09 - 06), date!(2017 - 09 - 09))
                    ),
                    moment(4_000)
                )
                .await
                .expect("placed"),
            PlacementOutcome::Placed(_)
        ),
        "between the short stays one bed is free"
    );
}

/// Eight attempts at once, from two app servers, on a family with three beds: exactly three
/// succeed.
pub async fn concurrent_placements(test_store: &TestStore) {
    let store = &test_store.store;
    let other_server = test_store.open_another().await;
    let (organisation, _) = organisation_with_coordinator(store, "sosei-partners").await;
    let tono = open_programme(
        store,
        &organisation,
        "遠野",
        date!(2017 - 09 - 06),
        date!(2017 - 09 - 09),
    )
    .await;
    let family = store
        .create_host_family(&host(&organisation, "佐藤さん一家", 3))
        .await
        .expect("host");
    let people = applicants(store, &tono, 8).await;
    let mut tasks = tokio::task::JoinSet::new();
    for (index, person) in people.iter().enumerate() {
        let server = if index % 2 == 0 {
            store.clone()
        } else {
            other_server.clone()
        };
        let new_placement = placement(
            &tono,
            person,
            family.id,
            range(date!(2017 - 09 - 06), date!(2017 - 09 - 09)),
        );
        tasks.spawn(async move {
            server
                .place_participant(&new_placement, moment(3_000))
                .await
        });
    }
    let mut placed = 0;
    let mut refused = 0;
    while let Some(result) = tasks.join_next().await {
        match result.expect("the task ran").expect("no database error") {
            PlacementOutcome::Placed(_) => placed += 1,
            PlacementOutcome::NoFreeBed => refused += 1,
            PlacementOutcome::HostUnavailable => panic!("the family is available"),
        }
    }
    assert_eq!((placed, refused), (3, 5));
    assert_eq!(
        store
            .placements_of_host(family.id)
            .await
            .expect("list")
            .len(),
        3
    );
}

pub async fn match_rounds_and_locks(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let (stranger_organisation, _) = organisation_with_coordinator(store, "other-npo").await;
    let tono = open_programme(
        store,
        &organisation,
        "遠野",
        date!(2017 - 09 - 06),
        date!(2017 - 09 - 09),
    )
    .await;
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
            kept_locked: 0
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
            kept_locked: 1
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
            kept_locked: 0
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
    let tono = open_programme(
        store,
        &organisation,
        "遠野",
        date!(2017 - 09 - 06),
        date!(2017 - 09 - 09),
    )
    .await;
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
    let report = NewDeliverable {
        title: LocalizedText::new("報告書", "Report"),
        kind: DeliverableKind::Report,
        language: LanguageCode::JAPANESE,
        location: DeliverableLocation::UploadedFile("uploads/programmes/1/report.pdf".into()),
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
    assert_eq!(first.details, leaflet);
    assert_eq!(
        store
            .deliverables_of_programme(tono.id)
            .await
            .expect("list"),
        vec![first.clone(), second]
    );
    store.remove_deliverable(first.id).await.expect("removed");
    assert_eq!(
        store
            .deliverables_of_programme(tono.id)
            .await
            .expect("list")
            .len(),
        1
    );

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
