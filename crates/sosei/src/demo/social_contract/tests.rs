#![allow(clippy::unwrap_used)] // tests may unwrap

use super::*;
use crate::demo::{DemoSummary, demo_data, load_demo_data_at};
use serde_json::json;
use sosei_core::application::ApplicationStatus;
use sosei_core::programme::after::DeliverableLocation;
use sosei_store::Store;
use time::OffsetDateTime;
use time::macros::{date, datetime};

const TODAY: Date = date!(2026 - 05 - 11);
const NOW: OffsetDateTime = datetime!(2026-05-11 09:30 UTC);

fn data_for(today: Date) -> SocialContractData {
    social_contract_data(today, &known_programmes(&demo_data().unwrap())).unwrap()
}

fn setup<'a>(data: &'a SocialContractData, key: &str) -> &'a DemoProgrammeSetup {
    data.programmes.iter().find(|p| p.key == key).unwrap()
}

fn upcoming(data: &SocialContractData) -> Vec<&DemoProgrammeSetup> {
    data.programmes
        .iter()
        .filter(|p| p.status == ProgrammeStatus::Open)
        .collect()
}

fn fresh_data_dir(label: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("sosei-{label}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_five_seed_programmes_are_completed_with_what_the_sources_describe() {
    let data = data_for(TODAY);
    let past: Vec<&str> = data
        .programmes
        .iter()
        .filter(|p| p.origin == ProgrammeOrigin::DemoToml)
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(
        past,
        [
            "shimokawa-2017",
            "yame-2017",
            "tono-2017",
            "urahoro-2017",
            "ishinomaki-2017"
        ]
    );
    for key in &past {
        let programme = setup(&data, key);
        assert_eq!(programme.status, ProgrammeStatus::Completed, "{key}");
        assert!(!programme.teams.is_empty(), "{key} has no team");
        assert!(
            !programme.deliverables.is_empty(),
            "{key} handed nothing over"
        );
        assert!(
            programme.deliverables.iter().all(|d| d.link.is_none()),
            "the sources give no addresses, so no deliverable has a link"
        );
        let receive = &programme.details.participants_receive;
        assert!(receive.accommodation.ja.is_some() && receive.meals.en.is_some());
        assert!(programme.details.theme.ja.is_some() && programme.details.theme.en.is_some());
    }

    let shimokawa = setup(&data, "shimokawa-2017");
    assert_eq!(shimokawa.dates.starts_on(), date!(2017 - 03 - 03));
    assert_eq!(shimokawa.dates.ends_on(), date!(2017 - 03 - 13));
    let leaflets: Vec<&str> = shimokawa
        .deliverables
        .iter()
        .filter(|d| d.kind == DeliverableKind::Leaflet)
        .map(|d| d.language.as_str())
        .collect();
    assert_eq!(leaflets, ["en", "zh", "th"]);
    let needs = shimokawa.teams[0].needs();
    for language in ["th", "zh"] {
        assert!(needs.iter().any(|n| matches!(n,
            TeamNeed::Language { language: l, .. } if l.as_str() == language)));
    }
    assert!(needs.iter().any(|n| matches!(n,
        TeamNeed::Skill { skill, .. } if skill.as_str() == "graphic-design")));

    let ishinomaki = setup(&data, "ishinomaki-2017");
    assert_eq!(ishinomaki.dates.ends_on(), date!(2018 - 01 - 28));
    assert_eq!(
        ishinomaki.teams[0]
            .max_per_nationality()
            .map(NeedCount::get),
        Some(1)
    );
    assert_eq!(
        setup(&data, "tono-2017").details.seats.map(Seats::get),
        Some(12)
    );
}

#[test]
fn upcoming_rounds_are_open_on_the_day_the_demo_is_loaded() {
    for today in [TODAY, date!(2031 - 12 - 30)] {
        let data = data_for(today);
        let rounds = upcoming(&data);
        assert_eq!(rounds.len(), 2);
        for programme in rounds {
            let window = programme.details.application_window.unwrap();
            assert!(
                window.contains(today),
                "{} is not open on {today}",
                programme.key
            );
            assert!(window.ends_on() < programme.dates.starts_on());
            assert!(matches!(programme.origin, ProgrammeOrigin::New { .. }));
            assert!(programme.details.japanese_speaker_rule.is_some());
            assert!(programme.deliverables.is_empty() && !programme.planned.is_empty());
        }
        let shimokawa = setup(&data, "shimokawa-next");
        assert_eq!(shimokawa.dates.starts_on(), today + Duration::days(60));
        assert_eq!(shimokawa.dates.days(), 11, "as long as the 2017 stay");
    }
}

#[test]
fn applicants_are_fictional_and_of_the_nationalities_the_sources_name() {
    let data = data_for(TODAY);
    assert!(
        (40..=60).contains(&data.applicants.len()),
        "{}",
        data.applicants.len()
    );
    let mut nationalities: Vec<&str> = Vec::new();
    for applicant in &data.applicants {
        assert!(
            applicant.email.as_str().ends_with("@demo.sosei.invalid"),
            "{}",
            applicant.email.as_str()
        );
        assert!(applicant.profile.bio.is_some());
        assert!(!applicant.profile.availability.is_empty());
        assert!(applicant.profile.display_name.as_str().chars().count() <= 12);
        for code in &applicant.profile.nationalities {
            nationalities.push(code.as_str());
        }
    }
    for named in [
        "TH", "GB", "SG", "US", "VN", "ES", "MN", "NP", "IT", "FR", "IN", "TW", "CN", "MY", "BR",
        "JP",
    ] {
        assert!(nationalities.contains(&named), "no applicant from {named}");
    }
    let shortlisted = data
        .applicants
        .iter()
        .flat_map(|a| &a.applications)
        .filter(|a| a.shortlisted)
        .count();
    assert!(shortlisted >= 10, "only {shortlisted} shortlisted");
}

/// The applicants who applied to `programme` and are free for all of it.
fn candidates<'a>(
    data: &'a SocialContractData,
    programme: &DemoProgrammeSetup,
) -> Vec<&'a DemoApplicant> {
    data.applicants
        .iter()
        .filter(|a| a.applications.iter().any(|x| x.programme == programme.key))
        .filter(|a| a.profile.is_available_for(&programme.dates))
        .collect()
}

fn meets(applicant: &DemoApplicant, need: &TeamNeed) -> bool {
    match need {
        TeamNeed::Skill { skill, .. } => applicant.profile.skills.contains(skill),
        TeamNeed::Language {
            language,
            minimum_level,
            ..
        } => applicant
            .profile
            .languages
            .iter()
            .any(|l| l.meets(*language, *minimum_level)),
    }
}

#[test]
fn every_upcoming_team_can_be_filled_and_every_need_met() {
    let data = data_for(TODAY);
    for programme in upcoming(&data) {
        let candidates = candidates(&data, programme);
        let minimum: usize = programme
            .teams
            .iter()
            .map(|t| usize::from(t.size().min()))
            .sum();
        let maximum: usize = programme
            .teams
            .iter()
            .map(|t| usize::from(t.size().max()))
            .sum();
        assert!(
            candidates.len() >= maximum,
            "{}: {} candidates for {minimum}..{maximum} places",
            programme.key,
            candidates.len()
        );
        for team in &programme.teams {
            for need in team.needs() {
                let meeting = candidates.iter().filter(|a| meets(a, need)).count();
                assert!(
                    meeting > usize::from(need.at_least().get()),
                    "{}: only {meeting} candidates for {need:?}",
                    programme.key
                );
            }
        }
        let rule = programme.details.japanese_speaker_rule.unwrap();
        let japanese = candidates
            .iter()
            .filter(|a| {
                a.profile
                    .languages
                    .iter()
                    .any(|l| l.meets(LanguageCode::JAPANESE, rule.minimum_level))
            })
            .count();
        assert!(
            japanese >= 2 * programme.teams.len(),
            "{}: {japanese}",
            programme.key
        );
    }
}

/// The matcher's level names ("B2", "N2", "native").
fn matcher_level(level: LanguageLevel) -> String {
    match level {
        LanguageLevel::Native => "native".to_owned(),
        other => other.as_str().to_uppercase(),
    }
}

fn matcher_dates(range: &DateRange) -> serde_json::Value {
    json!({ "start": range.starts_on().to_string(), "end": range.ends_on().to_string() })
}

/// The round a coordinator would run on the two open programmes, as the matcher's problem.
fn match_problem(data: &SocialContractData) -> sosei_matching::MatchProblem {
    let rounds = upcoming(data);
    let programmes: Vec<serde_json::Value> = rounds
        .iter()
        .map(|p| {
            let teams: Vec<serde_json::Value> = p.teams.iter().enumerate().map(|(index, team)| {
                let needs: Vec<serde_json::Value> = team.needs().iter().map(|need| match need {
                    TeamNeed::Skill { skill, at_least } =>
                        json!({ "kind": "skill", "skill": skill.as_str(), "at_least": at_least.get() }),
                    TeamNeed::Language { language, minimum_level, at_least } => json!({
                        "kind": "language", "language": language.as_str(),
                        "min_level": matcher_level(*minimum_level), "at_least": at_least.get() }),
                }).collect();
                json!({ "id": format!("{}-{index}", p.key), "min_size": team.size().min(),
                        "max_size": team.size().max(), "needs": needs })
            }).collect();
            let rule = p.details.japanese_speaker_rule.unwrap();
            json!({
                "id": p.key, "dates": matcher_dates(&p.dates), "teams": teams,
                "japanese_speaker": { "min_level": matcher_level(rule.minimum_level),
                                      "at_least": rule.at_least_per_team.get() },
                "max_per_nationality": p.teams.iter().filter_map(|t| t.max_per_nationality()).map(|c| c.get()).min(),
            })
        })
        .collect();
    let applicants: Vec<serde_json::Value> = data
        .applicants
        .iter()
        .map(|a| {
            json!({
                "id": a.email.as_str(),
                "nationalities": a.profile.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                "languages": a.profile.languages.iter().map(|l| json!({
                    "language": l.language().as_str(), "level": matcher_level(l.level()) })).collect::<Vec<_>>(),
                "skills": a.profile.skills.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "availability": a.profile.availability.iter().map(matcher_dates).collect::<Vec<_>>(),
                "preferences": a.applications.iter().map(|x| x.programme.as_str()).collect::<Vec<_>>(),
                "scores": a.applications.iter().map(|x| (x.programme.clone(),
                    f64::from(x.score.map_or(0, |s| s.get())))).collect::<std::collections::BTreeMap<_, _>>(),
            })
        })
        .collect();
    serde_json::from_value(json!({ "applicants": applicants, "programmes": programmes })).unwrap()
}

#[test]
fn the_matcher_fills_every_upcoming_team_with_every_rule_kept() {
    let problem = match_problem(&data_for(TODAY));
    let outcome = sosei_matching::solve(&problem).unwrap();
    assert!(sosei_matching::check_hard_constraints(&problem, &outcome).is_empty());
    let places: u32 = problem
        .programmes
        .iter()
        .flat_map(|p| &p.teams)
        .map(|t| t.max_size)
        .sum();
    assert_eq!(
        outcome.placements.len(),
        usize::try_from(places).unwrap(),
        "with more candidates than places, every place is taken"
    );
    let first_choices = outcome
        .placements
        .iter()
        .filter(|p| p.rank == Some(1))
        .count();
    assert!(
        first_choices * 2 > outcome.placements.len(),
        "{first_choices} first choices"
    );
}

#[tokio::test]
async fn loads_into_a_fresh_store_once_with_counts_matching_the_file() {
    let dir = fresh_data_dir("demo-social-contract");
    let store = Store::open_data_dir(&dir).await.unwrap();
    store.migrate().await.unwrap();
    let data = data_for(NOW.date());
    let n_applications: usize = data.applicants.iter().map(|a| a.applications.len()).sum();

    let first = load_demo_data_at(&store, NOW).await.unwrap();
    assert_eq!(
        first.social_contract,
        SocialContractSummary {
            programmes_created: 2,
            programmes_detailed: 7,
            teams_created: data.programmes.iter().map(|p| p.teams.len()).sum(),
            deliverables_created: data.programmes.iter().map(|p| p.deliverables.len()).sum(),
            host_families_created: data.host_families.len(),
            applicants_created: data.applicants.len(),
            profiles_created: data.applicants.len(),
            applications_created: n_applications,
        }
    );
    assert_eq!(first.programmes_created, 5);

    let second = load_demo_data_at(&store, NOW + Duration::days(3))
        .await
        .unwrap();
    assert_eq!(
        second,
        DemoSummary::default(),
        "a second load creates nothing"
    );

    let open = store
        .programmes_with_status(ProgrammeStatus::Open)
        .await
        .unwrap();
    assert_eq!(open.len(), 2);
    let completed = store
        .programmes_with_status(ProgrammeStatus::Completed)
        .await
        .unwrap();
    assert_eq!(completed.len(), 5);
    let mut stored_applications = 0;
    for programme in &open {
        assert!(programme.accepts_applications(NOW.date()));
        let key = if programme.region == setup(&data, "tono-next").region {
            "tono-next"
        } else {
            "shimokawa-next"
        };
        let expected = setup(&data, key);
        let teams = store.teams_of_programme(programme.id).await.unwrap();
        assert_eq!(teams.len(), expected.teams.len());
        assert_eq!(teams[0].spec, expected.teams[0]);
        let applications = store.applications_of_programme(programme.id).await.unwrap();
        let applying: Vec<&DemoApplication> = data
            .applicants
            .iter()
            .flat_map(|a| &a.applications)
            .filter(|x| x.programme == key)
            .collect();
        assert_eq!(applications.len(), applying.len(), "{key}");
        assert_eq!(
            applications
                .iter()
                .filter(|a| a.status == ApplicationStatus::Shortlisted)
                .count(),
            applying.iter().filter(|x| x.shortlisted).count()
        );
        assert_eq!(
            applications
                .iter()
                .filter(|a| a.review.score.is_some())
                .count(),
            applying.iter().filter(|x| x.score.is_some()).count()
        );
        stored_applications += applications.len();
    }
    assert_eq!(stored_applications, n_applications);

    let shimokawa_2017 = completed
        .iter()
        .find(|p| p.starts_on == date!(2017 - 03 - 03))
        .unwrap();
    assert!(
        shimokawa_2017
            .details
            .theme
            .en
            .as_deref()
            .unwrap()
            .contains("forest")
    );
    let deliverables = store
        .deliverables_of_programme(shimokawa_2017.id)
        .await
        .unwrap();
    assert_eq!(deliverables.len(), 3);
    assert!(
        deliverables
            .iter()
            .all(|d| d.details.location == DeliverableLocation::Offline)
    );

    let nok = store
        .user_with_password_by_email(&EmailAddress::parse("nok@demo.sosei.invalid").unwrap())
        .await
        .unwrap()
        .user;
    let profile = store.participant_profile(nok.id).await.unwrap();
    assert_eq!(profile.details.nationalities[0].as_str(), "TH");
    let ranks: Vec<u8> = store
        .applications_of_user(nok.id)
        .await
        .unwrap()
        .iter()
        .map(|a| a.rank.get())
        .collect();
    assert_eq!(ranks, [1, 2]);

    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
