//! Stories of the coordinator pages' queries: editing a programme's title, region and dates;
//! application counts by status over an organisation; all applicants' profiles at once.

use sosei_core::application::ApplicationStatus;
use sosei_core::{LocalizedText, NewProgramme, ProgrammeId, ProgrammeStatus};
use sosei_store::{ApplicationStatusCount, StoreError};
use time::macros::date;

use crate::hosts::applicants;
use crate::programme_details::{open_programme, organisation_with_coordinator, profile};
use crate::{TestStore, code, moment, new_organisation};

pub async fn coordinator_queries(test_store: &TestStore) {
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
    let yame = open_programme(
        store,
        &organisation,
        "八女",
        date!(2017 - 03 - 20),
        date!(2017 - 03 - 23),
    )
    .await;

    // Title, summary, region and dates change; status and details stay.
    let edited = NewProgramme {
        organisation: organisation.id,
        region: code("402036"),
        title: LocalizedText::new("久留米 国際チーム", "Kurume international team"),
        summary: LocalizedText::from_options(None, Some("Four days in Kurume".into())),
        starts_on: date!(2017 - 10 - 01),
        ends_on: date!(2017 - 10 - 04),
    };
    let updated = store
        .update_programme(tono.id, &edited)
        .await
        .expect("edited");
    assert_eq!(updated.title, edited.title);
    assert_eq!(updated.summary, edited.summary);
    assert_eq!(updated.region, code("402036"));
    assert_eq!(updated.starts_on, date!(2017 - 10 - 01));
    assert_eq!(updated.ends_on, date!(2017 - 10 - 04));
    assert_eq!(updated.status, ProgrammeStatus::Open);
    assert_eq!(updated.details, tono.details);
    assert_eq!(store.programme(tono.id).await.expect("read"), updated);

    // Another organisation's programme, an unknown programme, an unknown region: not found.
    let other = store
        .create_organisation(&new_organisation("other-org", "他の団体"), moment(1_000))
        .await
        .expect("other organisation");
    let foreign = NewProgramme {
        organisation: other.id,
        ..edited.clone()
    };
    assert!(matches!(
        store.update_programme(tono.id, &foreign).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.update_programme(ProgrammeId(-1), &edited).await,
        Err(StoreError::NotFound)
    ));
    let nowhere = NewProgramme {
        region: code("999997"),
        ..edited.clone()
    };
    assert!(store.update_programme(tono.id, &nowhere).await.is_err());
    assert_eq!(
        store.programme(tono.id).await.expect("read").region,
        code("402036"),
        "a failed edit changes nothing"
    );

    // Counts by status: three at Tono (one shortlisted), one at Yame; none elsewhere.
    let at_tono = applicants(store, &tono, 3).await;
    let at_yame = applicants(store, &yame, 1).await;
    store
        .change_application_status(
            at_tono[1].id,
            ApplicationStatus::Submitted,
            ApplicationStatus::Shortlisted,
            coordinator.id,
            moment(3_000),
        )
        .await
        .expect("shortlisted");
    let counts = store
        .application_counts_of_organisation(organisation.id)
        .await
        .expect("counts");
    let count_of = |programme: ProgrammeId, status: ApplicationStatus| {
        counts
            .iter()
            .find(|count| count.programme == programme && count.status == status)
            .map(|count| count.count)
    };
    assert_eq!(count_of(tono.id, ApplicationStatus::Submitted), Some(2));
    assert_eq!(count_of(tono.id, ApplicationStatus::Shortlisted), Some(1));
    assert_eq!(count_of(yame.id, ApplicationStatus::Submitted), Some(1));
    assert_eq!(count_of(yame.id, ApplicationStatus::Shortlisted), None);
    assert_eq!(counts.len(), 3);
    assert_eq!(
        store
            .application_counts_of_organisation(other.id)
            .await
            .expect("none"),
        Vec::<ApplicationStatusCount>::new()
    );

    // Profiles of the applicants: the two with a profile, whole, and nobody else's.
    let first = store
        .save_participant_profile(at_tono[0].applicant, &profile("Nok", "TH"), moment(4_000))
        .await
        .expect("first profile");
    let mut second_profile = profile("Li Wei", "CN");
    second_profile.skills.clear();
    second_profile.dietary_requirements.clear();
    let second = store
        .save_participant_profile(at_tono[2].applicant, &second_profile, moment(4_000))
        .await
        .expect("second profile");
    store
        .save_participant_profile(at_yame[0].applicant, &profile("Minh", "VN"), moment(4_000))
        .await
        .expect("a profile at another programme");
    let profiles = store
        .profiles_of_applicants(tono.id)
        .await
        .expect("profiles");
    assert_eq!(profiles, vec![first, second.clone()]);
    assert_eq!(
        store
            .participant_profile(at_tono[2].applicant)
            .await
            .expect("one profile"),
        second
    );
    assert!(
        store
            .profiles_of_applicants(ProgrammeId(-1))
            .await
            .expect("none")
            .is_empty()
    );
}
