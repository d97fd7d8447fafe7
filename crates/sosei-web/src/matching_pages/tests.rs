//! The conversion from stored data to a `MatchProblem` and back, and the Japanese words.

use std::collections::{BTreeMap, BTreeSet};

use sosei_core::application::{
    Application, ApplicationReview, ApplicationStatus, Motivation, PreferenceRank, ReviewScore,
};
use sosei_core::participant_profile::NewParticipantProfile;
use sosei_core::programme::JapaneseSpeakerRule;
use sosei_core::programme::matching::{AssignmentSource, MatchWeights, TeamAssignment};
use sosei_core::programme::team::{NeedCount, NewTeam, Team, TeamNeed, TeamSize};
use sosei_core::{
    ApplicationId, CountryCode, DisplayName, LanguageCode, LanguageLevel, LanguageSkill, Locale,
    LocalizedText, OrganisationId, Programme, ProgrammeDetails, ProgrammeId, ProgrammeStatus,
    TeamId, UserId,
};
use sosei_matching::{Lock, MethodChoice, Need};
use time::OffsetDateTime;
use time::macros::date;

use super::problem::*;
use super::words::{Labels, placement_explanation};

fn count(n: u8) -> NeedCount {
    NeedCount::new(n).expect("count")
}

fn programme(id: i64) -> Programme {
    Programme {
        id: ProgrammeId(id),
        organisation: OrganisationId(1),
        region: sosei_core::MunicipalityCode::parse("032085").expect("code"),
        title: LocalizedText::new("遠野", "Tono"),
        summary: LocalizedText::default(),
        starts_on: date!(2017 - 09 - 06),
        ends_on: date!(2017 - 09 - 09),
        status: ProgrammeStatus::Closed,
        details: ProgrammeDetails {
            japanese_speaker_rule: Some(JapaneseSpeakerRule::default()),
            ..ProgrammeDetails::default()
        },
    }
}

fn team(id: i64, programme: i64, cap: Option<u8>) -> Team {
    Team {
        id: TeamId(id),
        programme: ProgrammeId(programme),
        position: id,
        spec: NewTeam::new(
            LocalizedText::new("班", "Team"),
            TeamSize::new(count(2), count(4)).expect("size"),
            cap.map(count),
            vec![TeamNeed::Language {
                language: LanguageCode::parse("th").expect("th"),
                minimum_level: LanguageLevel::B1,
                at_least: count(1),
            }],
        )
        .expect("team"),
    }
}

fn application(
    id: i64,
    user: i64,
    programme: i64,
    rank: u8,
    status: ApplicationStatus,
) -> Application {
    let now = OffsetDateTime::UNIX_EPOCH;
    Application {
        id: ApplicationId(id),
        programme: ProgrammeId(programme),
        applicant: UserId(user),
        rank: PreferenceRank::new(rank).expect("rank"),
        motivation: Motivation::parse("やる気").expect("motivation"),
        status,
        review: ApplicationReview {
            notes: None,
            score: (id == 1).then(|| ReviewScore::new(4).expect("score")),
        },
        submitted_at: now,
        status_changed_at: now,
    }
}

fn profile(nationality: &str) -> NewParticipantProfile {
    NewParticipantProfile {
        display_name: DisplayName::parse("人").expect("name"),
        nationalities: vec![CountryCode::parse(nationality).expect("country")],
        languages: vec![
            LanguageSkill::new(
                LanguageCode::parse("th").expect("th"),
                LanguageLevel::Native,
            )
            .expect("skill"),
        ],
        skills: Vec::new(),
        affiliation: None,
        availability: vec![
            sosei_core::DateRange::new(date!(2017 - 09 - 01), date!(2017 - 09 - 30))
                .expect("range"),
        ],
        dietary_requirements: Vec::new(),
        dietary_notes: None,
        accessibility_needs: None,
        bio: None,
    }
}

fn assignment(application: i64, team: i64, locked: bool) -> TeamAssignment {
    TeamAssignment {
        application: ApplicationId(application),
        team: TeamId(team),
        locked,
        source: AssignmentSource::Coordinator,
        match_round: None,
        set_by: UserId(99),
        updated_at: OffsetDateTime::UNIX_EPOCH,
    }
}

fn inputs() -> RoundInputs {
    use ApplicationStatus::*;
    RoundInputs {
        programmes: vec![
            ProgrammeWithTeams {
                programme: programme(10),
                teams: vec![team(100, 10, Some(3)), team(101, 10, Some(2))],
            },
            ProgrammeWithTeams {
                programme: programme(20),
                teams: vec![team(200, 20, None)],
            },
        ],
        applications: vec![
            // User 1 ranks 20 first, 10 second.
            application(1, 1, 10, 2, Submitted),
            application(2, 1, 20, 1, Shortlisted),
            // User 2 was offered 10 (in team 100, unlocked): committed, their 20 is left out.
            application(3, 2, 10, 1, Offered),
            application(4, 2, 20, 2, Submitted),
            // User 3 withdrew: not in the round.
            application(5, 3, 10, 1, Withdrawn),
            // User 4 is locked into team 101.
            application(6, 4, 10, 1, Submitted),
        ],
        profiles: BTreeMap::from([(UserId(1), profile("TH")), (UserId(4), profile("VN"))]),
        assignments: vec![
            assignment(3, 100, false),
            assignment(6, 101, true),
            assignment(1, 100, false),
        ],
        excluded: BTreeSet::new(),
        weights: MatchWeights::new(2.0, 1.0, 0.5).expect("weights"),
        method: MethodChoice::Auto,
    }
}

#[test]
fn applicants_preferences_scores_and_profiles_come_across() {
    let problem = build_problem(&inputs()).expect("problem");
    let ids: Vec<&str> = problem.applicants.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["a1", "a2", "a4"],
        "the withdrawn applicant is left out"
    );
    let first = &problem.applicants[0];
    assert_eq!(first.preferences, ["p20", "p10"], "by the applicant's rank");
    assert_eq!(first.scores.get("p10"), Some(&4.0));
    assert_eq!(first.scores.get("p20"), Some(&0.0));
    assert_eq!(first.nationalities, ["TH"]);
    assert_eq!(first.languages[0].language, "th");
    assert_eq!(first.availability[0].start.to_string(), "2017-09-01");
    let committed = &problem.applicants[1];
    assert_eq!(
        committed.preferences,
        ["p10"],
        "an offered applicant is committed"
    );
    assert!(
        committed.nationalities.is_empty(),
        "no profile, no stated nationality"
    );
    assert_eq!(problem.weights.preference, 2.0);
}

#[test]
fn programmes_teams_caps_and_locks_come_across() {
    let problem = build_problem(&inputs()).expect("problem");
    let tono = &problem.programmes[0];
    assert_eq!(tono.id, "p10");
    assert_eq!(tono.dates.start.to_string(), "2017-09-06");
    assert_eq!(tono.max_per_nationality, Some(2), "the strictest team cap");
    assert_eq!(problem.programmes[1].max_per_nationality, None);
    assert_eq!(tono.teams[0].id, "t100");
    assert_eq!((tono.teams[0].min_size, tono.teams[0].max_size), (2, 4));
    assert!(matches!(&tono.teams[0].needs[0], Need::Language { language, .. } if language == "th"));
    assert_eq!(tono.japanese_speaker.map(|r| r.at_least), Some(1));
    assert_eq!(
        problem.locks,
        vec![
            Lock::Place {
                applicant: "a2".into(),
                team: "t100".into()
            },
            Lock::Place {
                applicant: "a4".into(),
                team: "t101".into()
            },
        ],
        "offered and locked assignments are locks; an unlocked proposal is not"
    );
}

#[test]
fn an_excluded_application_is_kept_out_of_its_programme_and_loses_its_lock() {
    let mut inputs = inputs();
    // User 4's locked Tono application and user 1's Yame application are excluded.
    inputs.excluded = BTreeSet::from([ApplicationId(6), ApplicationId(2)]);
    let problem = build_problem(&inputs).expect("problem");
    assert_eq!(
        problem.locks,
        vec![
            Lock::Place {
                applicant: "a2".into(),
                team: "t100".into()
            },
            Lock::Exclude {
                applicant: "a1".into(),
                programme: "p20".into()
            },
            Lock::Exclude {
                applicant: "a4".into(),
                programme: "p10".into()
            },
        ]
    );
    assert_eq!(
        problem.applicants[0].preferences,
        ["p20", "p10"],
        "still ranked: the matcher says why they are not placed there"
    );
}

#[test]
fn a_round_without_enough_people_is_infeasible_not_an_error() {
    // Tono's two teams need four people; only three can join it.
    let stored = run(build_problem(&inputs()).expect("problem"), true);
    assert!(
        matches!(stored.result, RunResult::Infeasible { .. }),
        "{:?}",
        stored.result
    );
    // Deferred acceptance makes the same counting checks first: no comparison either.
    assert!(stored.deferred_acceptance.is_none());
    let json = serde_json::to_string(&stored).expect("json");
    assert_eq!(
        serde_json::from_str::<StoredRun>(&json).expect("read back"),
        stored
    );
}

#[test]
fn placements_map_back_to_applications() {
    let mut inputs = inputs();
    inputs.programmes.truncate(1);
    inputs.programmes[0].teams.truncate(1);
    inputs.programmes[0].programme.details.japanese_speaker_rule = None;
    inputs
        .applications
        .retain(|a| a.programme == ProgrammeId(10));
    inputs.assignments = vec![assignment(3, 100, false)];
    let stored = run(build_problem(&inputs).expect("problem"), false);
    let RunResult::Solved { outcome } = &stored.result else {
        panic!("feasible: {:?}", stored.result);
    };
    let mut proposal = proposal_from_outcome(outcome, &inputs.applications);
    proposal.sort();
    assert_eq!(
        proposal,
        vec![
            (ApplicationId(1), TeamId(100)),
            (ApplicationId(3), TeamId(100)),
            (ApplicationId(6), TeamId(100)),
        ]
    );
}

#[test]
fn keys_round_trip_and_explanations_read_as_japanese() {
    assert_eq!(user_from_key(&applicant_key(UserId(7))), Some(UserId(7)));
    assert_eq!(team_from_key(&team_key(TeamId(8))), Some(TeamId(8)));
    assert_eq!(programme_from_key("t8"), None);
    let problem = build_problem(&inputs()).expect("problem");
    let members = vec!["a1".to_owned(), "a4".to_owned()];
    let line = placement_explanation(
        Locale::Ja,
        &Labels::default(),
        &problem,
        "a1",
        "t100",
        &members,
        true,
    );
    assert_eq!(
        line,
        "第2希望、固定済み、タイ語（B1以上）の条件を満たす、チームで唯一のタイ出身者、チームの国籍は2か国"
    );
    let figures = team_figures(&problem, "t100", &members);
    assert!((figures.blau_index - 0.5).abs() < 1e-9);
    assert_eq!(
        figures.needs.len(),
        2,
        "the team's need and the Japanese-speaker rule"
    );
    assert_eq!(figures.needs[0].2, 2);
    assert_eq!(figures.needs[1].2, 0, "nobody speaks Japanese");
}
