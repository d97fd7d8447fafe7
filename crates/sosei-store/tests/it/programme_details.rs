//! Stories of the Social Contract, part one: programme details, status, teams and needs; the
//! skills taxonomy; participant profiles and who may see them. Shared fixtures for the other
//! Social Contract stories live here too.

use sosei_core::participant_profile::{
    Affiliation, Bio, DietaryRequirement, NeedsText, NewParticipantProfile,
};
use sosei_core::programme::after::{DeliverableKind, PlannedDeliverable};
use sosei_core::programme::team::{NeedCount, NewTeam, TeamNeed, TeamSize};
use sosei_core::programme::{JapaneseSpeakerRule, ParticipantsReceive, Seats};
use sosei_core::{
    CountryCode, DateRange, DisplayName, LanguageCode, LanguageLevel, LanguageSkill, LocalizedText,
    NewProgramme, Organisation, Programme, ProgrammeDetails, ProgrammeStatus, Role, SkillSlug,
    User,
};
use sosei_store::{Store, StoreError};
use time::Date;
use time::macros::date;

use crate::{TestStore, code, moment, new_organisation, new_user};

// --- fixtures ---------------------------------------------------------------------------------

pub fn range(starts_on: Date, ends_on: Date) -> DateRange {
    DateRange::new(starts_on, ends_on).expect("a valid range")
}

pub fn count(n: u8) -> NeedCount {
    NeedCount::new(n).expect("a valid count")
}

pub fn skill(slug: &str) -> SkillSlug {
    SkillSlug::parse(slug).expect("a valid skill")
}

pub fn language(code: &str) -> LanguageCode {
    LanguageCode::parse(code).expect("a valid language")
}

pub fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).expect("a valid country")
}

/// An organisation with a coordinator.
pub async fn organisation_with_coordinator(store: &Store, slug: &str) -> (Organisation, User) {
    let organisation = store
        .create_organisation(&new_organisation(slug, "創生パートナーズ"), moment(1_000))
        .await
        .expect("organisation");
    let coordinator = store
        .create_user(
            &new_user(&format!("coordinator@{slug}.jp"), "コーディネーター"),
            moment(1_000),
        )
        .await
        .expect("coordinator");
    store
        .grant_role(organisation.id, coordinator.id, Role::Coordinator)
        .await
        .expect("role");
    (organisation, coordinator)
}

/// A programme of `organisation` in Tono, opened for applications.
pub async fn open_programme(
    store: &Store,
    organisation: &Organisation,
    title_ja: &str,
    starts_on: Date,
    ends_on: Date,
) -> Programme {
    let programme = store
        .create_programme(&NewProgramme {
            organisation: organisation.id,
            region: code("032085"),
            title: LocalizedText::new(title_ja, format!("{title_ja} (English)")),
            summary: LocalizedText::default(),
            starts_on,
            ends_on,
        })
        .await
        .expect("programme");
    store
        .set_programme_status(programme.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
        .await
        .expect("opened")
}

/// The Tono programme of 6–9 September 2017, open for applications.
pub async fn open_tono_programme(store: &Store, organisation: &Organisation) -> Programme {
    open_programme(
        store,
        organisation,
        "遠野",
        time::macros::date!(2017 - 09 - 06),
        time::macros::date!(2017 - 09 - 09),
    )
    .await
}

/// The Urahoro programme of 12–17 September 2017, open for applications.
pub async fn open_urahoro_programme(store: &Store, organisation: &Organisation) -> Programme {
    open_programme(
        store,
        organisation,
        "浦幌",
        time::macros::date!(2017 - 09 - 12),
        time::macros::date!(2017 - 09 - 17),
    )
    .await
}

pub fn thai_team() -> NewTeam {
    NewTeam::new(
        LocalizedText::new("観光チーム", "Tourism team"),
        TeamSize::new(count(3), count(5)).expect("size"),
        Some(count(2)),
        vec![
            TeamNeed::Language {
                language: language("th"),
                minimum_level: LanguageLevel::B1,
                at_least: count(1),
            },
            TeamNeed::Skill {
                skill: skill("graphic-design"),
                at_least: count(2),
            },
        ],
    )
    .expect("a valid team")
}

pub fn profile(name: &str, nationality: &str) -> NewParticipantProfile {
    NewParticipantProfile {
        display_name: DisplayName::parse(name).expect("name"),
        nationalities: vec![country(nationality)],
        languages: vec![
            LanguageSkill::new(LanguageCode::ENGLISH, LanguageLevel::C1).expect("skill"),
            LanguageSkill::new(LanguageCode::JAPANESE, LanguageLevel::N2).expect("skill"),
        ],
        skills: vec![skill("graphic-design"), skill("thai-translation")],
        affiliation: Some(Affiliation::parse("立命館アジア太平洋大学").expect("affiliation")),
        availability: vec![range(date!(2017 - 09 - 01), date!(2017 - 09 - 30))],
        dietary_requirements: vec![DietaryRequirement::Halal],
        dietary_notes: Some(NeedsText::parse("豚肉は食べません").expect("notes")),
        accessibility_needs: None,
        bio: Some(Bio::parse("デザインを学んでいます。\n遠野に行きたいです。").expect("bio")),
    }
}

// --- stories ----------------------------------------------------------------------------------

pub async fn programme_details_and_teams(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let stranger = store
        .create_user(
            &new_user("stranger@example.jp", "通りすがり"),
            moment(1_000),
        )
        .await
        .expect("stranger");
    let created = store
        .create_programme(&NewProgramme {
            organisation: organisation.id,
            region: code("032085"),
            title: LocalizedText::new("遠野 国際チーム", "Tono international team"),
            summary: LocalizedText::default(),
            starts_on: date!(2017 - 09 - 06),
            ends_on: date!(2017 - 09 - 09),
        })
        .await
        .expect("programme");
    assert_eq!(created.status, ProgrammeStatus::Draft);
    assert_eq!(created.details, ProgrammeDetails::default());

    let details = ProgrammeDetails {
        theme: LocalizedText::new("インバウンド観光", "Inbound tourism"),
        description: LocalizedText::from_options(Some("四日間の滞在".into()), None),
        application_window: Some(range(date!(2017 - 07 - 01), date!(2017 - 07 - 31))),
        seats: Some(Seats::new(10).expect("seats")),
        japanese_speaker_rule: Some(JapaneseSpeakerRule::default()),
        participants_receive: ParticipantsReceive {
            accommodation: LocalizedText::new("ホームステイ", "Homestay"),
            meals: LocalizedText::new("三食", "Three meals a day"),
            other: LocalizedText::default(),
        },
    };
    let updated = store
        .update_programme_details(created.id, &details)
        .await
        .expect("details");
    assert_eq!(updated.details, details);
    assert_eq!(store.programme(created.id).await.expect("read"), updated);
    assert!(matches!(
        store
            .update_programme_details(sosei_core::ProgrammeId(-1), &details)
            .await,
        Err(StoreError::NotFound)
    ));

    // Status: only allowed moves, and only from the status it is really in.
    assert!(matches!(
        store
            .set_programme_status(created.id, ProgrammeStatus::Draft, ProgrammeStatus::Running)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let opened = store
        .set_programme_status(created.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
        .await
        .expect("opened");
    assert_eq!(opened.status, ProgrammeStatus::Open);
    assert!(matches!(
        store
            .set_programme_status(created.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store
            .programmes_with_status(ProgrammeStatus::Open)
            .await
            .expect("open ones"),
        vec![opened.clone()]
    );

    // Planned deliverables keep their order.
    let planned = vec![
        PlannedDeliverable {
            kind: DeliverableKind::Leaflet,
            description: LocalizedText::new("タイ語の観光リーフレット", "A leaflet in Thai"),
        },
        PlannedDeliverable {
            kind: DeliverableKind::Review,
            description: LocalizedText::new("口コミ投稿", "Online reviews"),
        },
    ];
    store
        .set_planned_deliverables(created.id, &planned)
        .await
        .expect("planned");
    assert_eq!(
        store.planned_deliverables(created.id).await.expect("read"),
        planned
    );

    // Teams with their needs, in order; updates replace the needs.
    let first = store
        .add_team(created.id, &thai_team())
        .await
        .expect("team");
    assert_eq!(first.spec, thai_team());
    assert_eq!(first.position, 1);
    let second_spec = NewTeam::new(
        LocalizedText::new("発信チーム", "Media team"),
        TeamSize::new(count(2), count(4)).expect("size"),
        None,
        vec![TeamNeed::Skill {
            skill: skill("video"),
            at_least: count(1),
        }],
    )
    .expect("team");
    let second = store
        .add_team(created.id, &second_spec)
        .await
        .expect("team");
    assert_eq!(second.position, 2);
    assert_eq!(
        store.teams_of_programme(created.id).await.expect("teams"),
        vec![first.clone(), second.clone()]
    );
    let renamed = NewTeam::new(
        LocalizedText::new("観光チームA", "Tourism team A"),
        TeamSize::new(count(4), count(6)).expect("size"),
        Some(count(1)),
        vec![TeamNeed::Language {
            language: LanguageCode::JAPANESE,
            minimum_level: LanguageLevel::N1,
            at_least: count(2),
        }],
    )
    .expect("team");
    let updated_team = store.update_team(first.id, &renamed).await.expect("update");
    assert_eq!(updated_team.spec, renamed);
    assert_eq!(updated_team.position, 1);
    let unknown_skill = NewTeam::new(
        LocalizedText::new("X", "X"),
        TeamSize::new(count(1), count(2)).expect("size"),
        None,
        vec![TeamNeed::Skill {
            skill: skill("juggling"),
            at_least: count(1),
        }],
    )
    .expect("team");
    assert!(matches!(
        store.add_team(created.id, &unknown_skill).await,
        Err(StoreError::NotFound)
    ));
    store.remove_team(second.id).await.expect("removed");
    assert_eq!(
        store.teams_of_programme(created.id).await.expect("teams"),
        vec![updated_team]
    );
    assert!(matches!(
        store
            .add_team(sosei_core::ProgrammeId(-1), &thai_team())
            .await,
        Err(StoreError::NotFound)
    ));

    // Coordinators: members with a coordinator role or admin, nobody else.
    assert!(
        store
            .is_programme_coordinator(created.id, coordinator.id)
            .await
            .expect("check")
    );
    assert!(
        !store
            .is_programme_coordinator(created.id, stranger.id)
            .await
            .expect("check")
    );
    store
        .grant_role(organisation.id, stranger.id, Role::Member)
        .await
        .expect("member");
    assert!(
        !store
            .is_programme_coordinator(created.id, stranger.id)
            .await
            .expect("a plain member is no coordinator")
    );
    store
        .grant_role(organisation.id, stranger.id, Role::Admin)
        .await
        .expect("admin");
    assert!(
        store
            .is_programme_coordinator(created.id, stranger.id)
            .await
            .expect("admins coordinate")
    );
}

pub async fn skills_taxonomy(test_store: &TestStore) {
    let store = &test_store.store;
    let mut expected = sosei_core::skill::built_in_skills();
    expected.sort_by(|a, b| a.slug.cmp(&b.slug));
    assert_eq!(
        store.skills().await.expect("skills"),
        expected,
        "the migration seeds exactly the built-in list"
    );
    let added = store
        .add_skill(
            &skill("woodworking"),
            &LocalizedText::new("木工", "Woodworking"),
        )
        .await
        .expect("added");
    assert!(!added.built_in);
    assert!(store.skills().await.expect("skills").contains(&added));
    assert!(matches!(
        store
            .add_skill(&skill("web"), &LocalizedText::new("ウェブ", "Web"))
            .await,
        Err(StoreError::Conflict(_))
    ));
}

pub async fn profiles_and_visibility(test_store: &TestStore) {
    let store = &test_store.store;
    let (organisation, coordinator) = organisation_with_coordinator(store, "sosei-partners").await;
    let (_, other_coordinator) = organisation_with_coordinator(store, "other-npo").await;
    let participant = store
        .create_user(&new_user("nok@example.jp", "Nok"), moment(1_000))
        .await
        .expect("participant");
    let someone = store
        .create_user(&new_user("someone@example.jp", "誰か"), moment(1_000))
        .await
        .expect("someone");

    assert!(matches!(
        store.participant_profile(participant.id).await,
        Err(StoreError::NotFound)
    ));
    let mut details = profile("Nok", "TH");
    details.nationalities.push(country("JP"));
    details.nationalities.push(country("TH"));
    details
        .availability
        .insert(0, range(date!(2017 - 12 - 20), date!(2018 - 01 - 10)));
    let saved = store
        .save_participant_profile(participant.id, &details, moment(2_000))
        .await
        .expect("saved");
    assert_eq!(saved.details, details.clone().normalized());
    assert_eq!(
        saved.details.nationalities,
        vec![country("TH"), country("JP")]
    );
    assert_eq!(saved.updated_at, moment(2_000));
    assert_eq!(
        store
            .participant_profile(participant.id)
            .await
            .expect("read"),
        saved
    );

    // Replacing keeps one profile and replaces every list.
    let mut changed = profile("ノック", "TH");
    changed.skills = vec![skill("web")];
    changed.dietary_requirements = vec![];
    changed.bio = None;
    let replaced = store
        .save_participant_profile(participant.id, &changed, moment(3_000))
        .await
        .expect("replaced");
    assert_eq!(replaced.details, changed);
    let mut unknown_skill = changed.clone();
    unknown_skill.skills.push(skill("juggling"));
    assert!(matches!(
        store
            .save_participant_profile(participant.id, &unknown_skill, moment(4_000))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .participant_profile(participant.id)
            .await
            .expect("read"),
        replaced,
        "a failed save changes nothing"
    );

    // Visibility: the owner; coordinators of a programme applied to; nobody else.
    let visible = |viewer: sosei_core::UserId| store.profile_visible_to(viewer, participant.id);
    assert!(visible(participant.id).await.expect("owner"));
    assert!(!visible(coordinator.id).await.expect("not applied yet"));
    assert!(!visible(someone.id).await.expect("stranger"));
    let programme = open_tono_programme(store, &organisation).await;
    store
        .apply(
            &sosei_core::application::NewApplication {
                programme: programme.id,
                applicant: participant.id,
                rank: sosei_core::application::PreferenceRank::new(1).expect("rank"),
                motivation: sosei_core::application::Motivation::parse("行きたいです")
                    .expect("motivation"),
            },
            moment(5_000),
        )
        .await
        .expect("applied");
    assert!(
        visible(coordinator.id)
            .await
            .expect("coordinator of the programme")
    );
    assert!(
        !visible(other_coordinator.id)
            .await
            .expect("another organisation's")
    );
    assert!(!visible(someone.id).await.expect("still a stranger"));
    store
        .grant_role(organisation.id, someone.id, Role::Facilitator)
        .await
        .expect("facilitator");
    assert!(
        !visible(someone.id)
            .await
            .expect("a facilitator is no coordinator"),
        "only coordinator roles count"
    );
    assert!(
        !store
            .profile_visible_to(participant.id, coordinator.id)
            .await
            .expect("not the other way round")
    );
}
