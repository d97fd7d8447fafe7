//! Stories of the Social Contract, part three: host families and placements within their beds,
//! also under concurrent attempts.

use sosei_core::application::{Application, Motivation, NewApplication, PreferenceRank};
use sosei_core::host::{
    Beds, HostContact, HostName, NewHostFamily, NewPlacement, PlacementOutcome,
};
use sosei_core::participant_profile::DietaryRequirement;
use sosei_core::{DateRange, LanguageCode, Organisation, Programme};
use sosei_store::{Store, StoreError};
use time::macros::date;

use crate::programme_details::{
    language, open_tono_programme, open_urahoro_programme, organisation_with_coordinator, range,
};
use crate::{TestStore, code, moment, new_user};

pub fn host(organisation: &Organisation, name: &str, beds: u8) -> NewHostFamily {
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
pub async fn applicants(store: &Store, programme: &Programme, n: usize) -> Vec<Application> {
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
    let tono = open_tono_programme(store, &organisation).await;
    let other = open_urahoro_programme(store, &organisation).await;

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
    let tono = open_tono_programme(store, &organisation).await;
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
