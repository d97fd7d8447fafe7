//! Stories of the Social Contract, part five: a coordinator keeps an application out of
//! matching; runs leave it without a team until it is included again.

use sosei_core::ApplicationId;
use sosei_core::programme::matching::{MatchWeights, NewMatchRound};
use sosei_store::{MatchExclusion, MatcherWriteSummary, StoreError};

use crate::hosts::applicants;
use crate::programme_details::{open_tono_programme, organisation_with_coordinator, thai_team};
use crate::{TestStore, moment};

pub async fn exclusions_outlast_reruns(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let tono = open_tono_programme(store, &organisation).await;
    let team = store.add_team(tono.id, &thai_team()).await.expect("team");
    let people = applicants(store, &tono, 3).await;
    let round = store
        .create_match_round(
            &NewMatchRound {
                organisation: organisation.id,
                programmes: vec![tono.id],
                created_by: coordinator.id,
                weights: MatchWeights::new(1.0, 0.5, 0.5).expect("weights"),
            },
            moment(3_000),
        )
        .await
        .expect("round");
    let everyone: Vec<_> = people.iter().map(|p| (p.id, team.id)).collect();
    store
        .apply_matcher_assignments(round.id, &everyone, coordinator.id, moment(3_100))
        .await
        .expect("written");
    // A locked placement goes too: excluding is the stronger decision.
    store
        .set_assignment_locked(people[0].id, true, moment(3_150))
        .await
        .expect("locked");

    let excluded = store
        .exclude_from_matching(people[0].id, coordinator.id, moment(3_200))
        .await
        .expect("excluded");
    assert_eq!(
        excluded,
        MatchExclusion {
            application: people[0].id,
            programme: tono.id,
            excluded_by: coordinator.id,
            excluded_at: moment(3_200),
        }
    );
    let again = store
        .exclude_from_matching(people[0].id, coordinator.id, moment(3_300))
        .await
        .expect("excluded again");
    assert_eq!(
        again.excluded_at,
        moment(3_200),
        "the first exclusion stays"
    );
    let placed: Vec<ApplicationId> = store
        .team_assignments_of_programme(tono.id)
        .await
        .expect("assignments")
        .iter()
        .map(|a| a.application)
        .collect();
    assert_eq!(placed, vec![people[1].id, people[2].id], "out of the team");
    assert_eq!(
        store
            .match_exclusions_of_programme(tono.id)
            .await
            .expect("exclusions"),
        vec![excluded.clone()]
    );

    // A re-run that proposes them anyway leaves them out.
    assert_eq!(
        store
            .apply_matcher_assignments(round.id, &everyone, coordinator.id, moment(4_000))
            .await
            .expect("written"),
        MatcherWriteSummary {
            assigned: 2,
            kept_locked: 0,
            kept_excluded: 1,
        }
    );
    assert_eq!(
        store
            .team_assignments_of_programme(tono.id)
            .await
            .expect("assignments")
            .len(),
        2
    );

    // Included again, the next run places them.
    store
        .include_in_matching(people[0].id)
        .await
        .expect("included");
    store
        .include_in_matching(people[0].id)
        .await
        .expect("including twice is fine");
    assert!(
        store
            .match_exclusions_of_programme(tono.id)
            .await
            .expect("exclusions")
            .is_empty()
    );
    assert_eq!(
        store
            .apply_matcher_assignments(round.id, &everyone, coordinator.id, moment(5_000))
            .await
            .expect("written")
            .assigned,
        3
    );

    // A move by hand ends an exclusion.
    store
        .exclude_from_matching(people[1].id, coordinator.id, moment(6_000))
        .await
        .expect("excluded");
    store
        .assign_team(people[1].id, team.id, true, coordinator.id, moment(6_100))
        .await
        .expect("placed by hand");
    assert!(
        store
            .match_exclusions_of_programme(tono.id)
            .await
            .expect("exclusions")
            .is_empty()
    );
    assert!(matches!(
        store
            .exclude_from_matching(ApplicationId(999_999), coordinator.id, moment(7_000))
            .await,
        Err(StoreError::NotFound)
    ));
}
